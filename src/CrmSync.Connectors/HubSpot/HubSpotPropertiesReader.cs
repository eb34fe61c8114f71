using System.Text.Json;
using CrmSync.Connectors.Common;
using RestSharp;

namespace CrmSync.Connectors.HubSpot;

/// <summary>Reads GET /crm/v3/properties/contacts into <see cref="HubSpotPropertyInfo"/>s.</summary>
internal static class HubSpotPropertiesReader
{
    public static InterpretedResponse<IReadOnlyList<HubSpotPropertyInfo>> Read(ApiCall call, RestResponse response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw HubSpotFailures.For(call, response);
        }

        var reader = JsonResponseReader.For(HubSpotFailures.System, call, response);
        using var document = reader.Parse(response);
        var properties = new List<HubSpotPropertyInfo>();
        foreach (var property in reader.Required(document.RootElement, "results", JsonValueKind.Array).EnumerateArray())
        {
            var options = new List<HubSpotPropertyOptionInfo>();
            if (reader.Optional(property, "options", JsonValueKind.Array) is { } optionsJson)
            {
                foreach (var option in optionsJson.EnumerateArray())
                {
                    options.Add(new HubSpotPropertyOptionInfo(reader.RequiredString(option, "label"), reader.Required(option, "value", JsonValueKind.String).GetString()!));
                }
            }

            var readOnly = reader.Optional(property, "modificationMetadata", JsonValueKind.Object) is { } metadata
                && metadata.TryGetProperty("readOnlyValue", out var flag) && flag.ValueKind == JsonValueKind.True;
            properties.Add(new HubSpotPropertyInfo(
                reader.RequiredString(property, "name"),
                reader.Optional(property, "label", JsonValueKind.String)?.GetString() ?? "",
                reader.RequiredString(property, "type"),
                reader.Optional(property, "fieldType", JsonValueKind.String)?.GetString() ?? "",
                property.TryGetProperty("hasUniqueValue", out var unique) && unique.ValueKind == JsonValueKind.True,
                readOnly,
                options));
        }

        return new(properties, properties.Count);
    }
}
