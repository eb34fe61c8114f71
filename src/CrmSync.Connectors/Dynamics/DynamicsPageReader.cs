using System.Text.Json;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Reads a contacts page {value: [row, ...], @odata.nextLink, @odata.deltaLink} in one pass of a
/// <see cref="Utf8JsonReader"/> over the body: no document is built, rows keep their slices of the body
/// as raw JSON, and column names are decoded once per page (a 5,000-row page repeats ~40 names per row) and
/// shared by its rows' properties.
/// </summary>
internal static class DynamicsPageReader
{
    private const string ValueMember = "value";

    public static (List<CrmRecord> Records, string? NextLink, string? DeltaLink) Read(byte[] body, JsonResponseReader reader, DateTimeOffset readAt)
    {
        var json = new Utf8JsonReader(body);
        List<CrmRecord>? records = null;
        var valueKind = JsonValueKind.Undefined;
        JsonMember nextLink = default, deltaLink = default;
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
                    if (json.ValueTextEquals(ValueMember))
                    {
                        json.Read();
                        valueKind = JsonMember.KindOf(json.TokenType);
                        records = valueKind == JsonValueKind.Array ? ReadRows(ref json, body, reader, readAt) : null;
                        if (records is null)
                        {
                            json.Skip();
                        }
                    }
                    else if (json.ValueTextEquals("@odata.nextLink"u8))
                    {
                        json.Read();
                        nextLink = JsonMember.Read(ref json);
                    }
                    else if (json.ValueTextEquals("@odata.deltaLink"u8))
                    {
                        json.Read();
                        deltaLink = JsonMember.Read(ref json);
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
            throw valueKind == JsonValueKind.Undefined ? reader.Missing(ValueMember) : reader.WrongKind(ValueMember, valueKind, JsonValueKind.Array);
        }

        return (records, reader.OptionalString(nextLink, "@odata.nextLink"), reader.OptionalString(deltaLink, "@odata.deltaLink"));
    }

    private static List<CrmRecord> ReadRows(ref Utf8JsonReader json, byte[] body, JsonResponseReader reader, DateTimeOffset readAt)
    {
        var records = new List<CrmRecord>();
        var names = new PropertyNameCache();
        var properties = new PagePropertiesBuilder();
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            records.Add(DynamicsRecordParser.Parse(ref json, body, names, properties, reader, readAt));
        }

        return records;
    }
}
