using System.Globalization;
using System.Text.Json;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.HubSpot;

/// <summary>
/// Turns one HubSpot contact object {id, properties, updatedAt, archived, archivedAt} into a <see cref="CrmRecord"/>
/// in one pass of the page's reader; the record's raw JSON is the object's own slice of the page.
/// </summary>
internal static class HubSpotContactReader
{
    /// <param name="json">On the contact's first token; left on its last.</param>
    /// <param name="body">The page the reader reads; the record keeps its slice of it as raw JSON.</param>
    /// <param name="names">Property names decoded for the page so far.</param>
    /// <param name="properties">Builds properties for the page's contacts.</param>
    public static CrmRecord Read(ref Utf8JsonReader json, byte[] body, PropertyNameCache names, PagePropertiesBuilder properties, JsonResponseReader reader)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            throw reader.Missing("id");
        }

        var start = (int)json.TokenStartIndex;
        JsonMember id = default, archivedAt = default, updatedAt = default;
        var propertiesKind = JsonValueKind.Undefined;
        IReadOnlyDictionary<string, string?>? values = null;
        var archived = false;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            if (json.ValueTextEquals("properties"u8))
            {
                json.Read();
                propertiesKind = JsonMember.KindOf(json.TokenType);
                values = propertiesKind == JsonValueKind.Object ? ReadProperties(ref json, body, names, properties) : null;
                if (values is null)
                {
                    json.Skip();
                }
            }
            else if (json.ValueTextEquals("id"u8))
            {
                json.Read();
                id = JsonMember.Read(ref json);
            }
            else if (json.ValueTextEquals("archived"u8))
            {
                json.Read();
                archived = json.TokenType == JsonTokenType.True;
                json.Skip();
            }
            else if (json.ValueTextEquals("archivedAt"u8))
            {
                json.Read();
                archivedAt = JsonMember.Read(ref json);
            }
            else if (json.ValueTextEquals("updatedAt"u8))
            {
                json.Read();
                updatedAt = JsonMember.Read(ref json);
            }
            else
            {
                json.Read();
                json.Skip();
            }
        }

        var rawJson = body.AsMemory(start..(int)json.BytesConsumed);
        var contactId = reader.RequiredString(id, "id");
        if (values is null)
        {
            throw propertiesKind == JsonValueKind.Undefined ? reader.Missing("properties") : reader.WrongKind("properties", propertiesKind, JsonValueKind.Object);
        }

        var modifiedText = archived && reader.OptionalString(archivedAt, "archivedAt") is { } archivedText
            ? archivedText
            : values.GetValueOrDefault("lastmodifieddate") ?? reader.OptionalString(updatedAt, "updatedAt");
        if (modifiedText is null)
        {
            throw reader.Malformed($"contact {contactId} has neither properties.lastmodifieddate nor updatedAt");
        }

        if (!TryParseTime(modifiedText, out var modifiedAt))
        {
            throw reader.Malformed($"contact {contactId} has an unreadable modification time");
        }

        return new CrmRecord(contactId, modifiedAt, archived, values, rawJson);
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

    /// <summary>Values as invariant strings: empty strings as null, numbers, booleans and nested values as their JSON text.</summary>
    private static IReadOnlyDictionary<string, string?> ReadProperties(ref Utf8JsonReader json, byte[] body, PropertyNameCache names, PagePropertiesBuilder properties)
    {
        for (var position = 0; json.Read() && json.TokenType == JsonTokenType.PropertyName; position++)
        {
            var name = names.Get(ref json, position);
            json.Read();
            properties.Add(name, json.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => json.GetString() is { Length: > 0 } text ? text : null,
                _ => JsonText.Of(ref json, body),
            });
        }

        return properties.Build();
    }
}
