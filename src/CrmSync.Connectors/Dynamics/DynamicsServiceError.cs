using System.Text.Json;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Reads Dataverse's error body {"error":{"code","message"}} (and AAD's {"error","error_description"}).
/// Tolerant: a missing or non-JSON body gives nulls, never an exception.
/// </summary>
public sealed record DynamicsServiceError(string? Code, string? Message)
{
    /// <summary>Code the service uses when a change-tracking version stamp (delta token) has expired.</summary>
    public const string ExpiredVersionStamp = "0x80044352";

    /// <summary>412 on a create-only PATCH: the row already exists.</summary>
    public const string DuplicateRecord = "0x80040237";

    public static DynamicsServiceError Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return new(null, null);
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error)) return new(null, null);
            if (error.ValueKind == JsonValueKind.Object)
                return new(StringOf(error, "code"), StringOf(error, "message"));
            return new(error.ValueKind == JsonValueKind.String ? error.GetString() : null, StringOf(root, "error_description"));
        }
        catch (JsonException)
        {
            return new(null, null);
        }
    }

    public bool IsExpiredDeltaToken =>
        Code == ExpiredVersionStamp
        || (Message?.Contains("version stamp", StringComparison.OrdinalIgnoreCase) ?? false)
        || (Message?.Contains("delta token", StringComparison.OrdinalIgnoreCase) ?? false);

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
