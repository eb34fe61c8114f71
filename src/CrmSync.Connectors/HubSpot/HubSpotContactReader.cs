using System.Globalization;
using System.Text.Json;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.HubSpot;

/// <summary>Turns one HubSpot contact object {id, properties, updatedAt, archived, archivedAt} into a <see cref="CrmRecord"/>.</summary>
internal static class HubSpotContactReader
{
    public static CrmRecord Read(JsonElement contact, JsonResponseReader reader)
    {
        var id = reader.RequiredString(contact, "id");
        var propertiesJson = reader.Required(contact, "properties", JsonValueKind.Object);
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in propertiesJson.EnumerateObject())
        {
            properties[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString() is { Length: > 0 } text ? text : null,
                _ => property.Value.GetRawText(),
            };
        }

        var archived = contact.TryGetProperty("archived", out var archivedJson) && archivedJson.ValueKind == JsonValueKind.True;
        var modifiedText = archived && reader.Optional(contact, "archivedAt", JsonValueKind.String) is { } archivedAt
            ? archivedAt.GetString()
            : properties.GetValueOrDefault("lastmodifieddate") ?? reader.Optional(contact, "updatedAt", JsonValueKind.String)?.GetString();
        if (modifiedText is null)
        {
            throw reader.Malformed($"contact {id} has neither properties.lastmodifieddate nor updatedAt");
        }

        if (!TryParseTime(modifiedText, out var modifiedAt))
        {
            throw reader.Malformed($"contact {id} has an unreadable modification time");
        }

        return new CrmRecord(id, modifiedAt, archived, properties, contact.GetRawText());
    }

    /// <summary>ISO-8601 or epoch milliseconds, both of which HubSpot uses.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset value)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epochMs))
        {
            value = DateTimeOffset.FromUnixTimeMilliseconds(epochMs);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
