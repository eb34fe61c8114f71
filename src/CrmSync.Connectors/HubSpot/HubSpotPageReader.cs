using System.Text.Json;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.HubSpot;

/// <summary>
/// Reads a list or search page {results: [contact, ...], paging: {next: {after}}, total} in one pass of a
/// <see cref="Utf8JsonReader"/> over the body: no document is built, contacts keep their slices of
/// the body as raw JSON, and property names are decoded once per page
/// and shared by its contacts' properties.
/// </summary>
internal static class HubSpotPageReader
{
    private const string ResultsMember = "results";

    public static HubSpotPage Read(byte[] body, JsonResponseReader reader)
    {
        var json = new Utf8JsonReader(body);
        List<CrmRecord>? records = null;
        var resultsKind = JsonValueKind.Undefined;
        JsonElement? paging = null, total = null;
        try
        {
            json.Read();
            if (json.TokenType != JsonTokenType.StartObject)
            {
                json.Skip();
            }
            else
            {
                while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
                {
                    if (json.ValueTextEquals(ResultsMember))
                    {
                        json.Read();
                        resultsKind = JsonMember.KindOf(json.TokenType);
                        records = resultsKind == JsonValueKind.Array ? ReadContacts(ref json, body, reader) : null;
                        if (records is null)
                        {
                            json.Skip();
                        }
                    }
                    else if (json.ValueTextEquals("paging"u8))
                    {
                        json.Read();
                        paging = JsonElement.ParseValue(ref json);
                    }
                    else if (json.ValueTextEquals("total"u8))
                    {
                        json.Read();
                        total = JsonElement.ParseValue(ref json);
                    }
                    else
                    {
                        json.Read();
                        json.Skip();
                    }
                }
            }

            // Anything after the page's object (trailing garbage) makes the body invalid, as a full parse would.
            json.Read();
        }
        catch (JsonException ex)
        {
            throw reader.NotJson(ex);
        }

        if (records is null)
        {
            throw resultsKind == JsonValueKind.Undefined ? reader.Missing(ResultsMember) : reader.WrongKind(ResultsMember, resultsKind, JsonValueKind.Array);
        }

        string? next = null;
        if (reader.OptionalValue(paging, "paging", JsonValueKind.Object) is { } pagingJson && reader.Optional(pagingJson, "next", JsonValueKind.Object) is { } nextJson)
        {
            next = reader.RequiredString(nextJson, "after");
        }

        return new HubSpotPage(records, next, reader.OptionalValue(total, "total", JsonValueKind.Number)?.GetInt64());
    }

    private static List<CrmRecord> ReadContacts(ref Utf8JsonReader json, byte[] body, JsonResponseReader reader)
    {
        var records = new List<CrmRecord>();
        var names = new PropertyNameCache();
        var properties = new PagePropertiesBuilder();
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            records.Add(HubSpotContactReader.Read(ref json, body, names, properties, reader));
        }

        return records;
    }
}
