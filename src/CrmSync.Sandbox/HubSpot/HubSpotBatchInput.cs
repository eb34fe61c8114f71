using System.Text.Json;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>One element of a batch body's inputs[].</summary>
internal sealed record HubSpotBatchInput(string? Id, string? IdProperty, IReadOnlyDictionary<string, string?> Properties, string? ObjectWriteTraceId)
{
    public static HubSpotBatchInput Parse(JsonElement input)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (input.TryGetProperty("properties", out var json) && json.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in json.EnumerateObject())
            {
                properties[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => property.Value.GetRawText(),
                };
            }
        }

        return new HubSpotBatchInput(Text(input, "id"), Text(input, "idProperty"), properties, Text(input, "objectWriteTraceId"));
    }

    private static string? Text(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())
            : null;
}
