using System.Text.Json;

namespace CrmSync.Connectors.Common;

/// <summary>
/// Reads a page object <c>{&lt;records member&gt;: [record, ...], ...}</c> in one pass of a <see cref="Utf8JsonReader"/>
/// over the body: no document is built, and the page's records share one property-name cache and properties builder
/// (names are decoded once per page). Each CRM's page reader supplies the record parser and reads its own other members
/// (paging, links); unknown members are skipped. A missing or non-array records member, invalid JSON or trailing
/// garbage is an error naming the endpoint.
/// </summary>
internal static class JsonPageReader
{
    /// <summary>Parses one record; <paramref name="json"/> is on its StartObject and ends on its EndObject.</summary>
    public delegate CrmRecord RecordParser(ref Utf8JsonReader json, PropertyNameCache names, PagePropertiesBuilder properties);

    /// <summary>Given <paramref name="json"/> on a member name, reads that member's value and returns true if it is one the
    /// caller wants; returns false (without moving) otherwise.</summary>
    public delegate bool MemberReader(ref Utf8JsonReader json);

    public static List<CrmRecord> Read(byte[] body, JsonResponseReader reader, string recordsMember, RecordParser parse, MemberReader otherMember)
    {
        var json = new Utf8JsonReader(body);
        List<CrmRecord>? records = null;
        var recordsKind = JsonValueKind.Undefined;
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
                    if (json.ValueTextEquals(recordsMember))
                    {
                        json.Read();
                        recordsKind = JsonMember.KindOf(json.TokenType);
                        records = recordsKind == JsonValueKind.Array ? ReadRecords(ref json, parse) : null;
                        if (records is null)
                        {
                            json.Skip();
                        }
                    }
                    else if (!otherMember(ref json))
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
            throw recordsKind == JsonValueKind.Undefined ? reader.Missing(recordsMember) : reader.WrongKind(recordsMember, recordsKind, JsonValueKind.Array);
        }

        return records;
    }

    private static List<CrmRecord> ReadRecords(ref Utf8JsonReader json, RecordParser parse)
    {
        var records = new List<CrmRecord>();
        var names = new PropertyNameCache();
        var properties = new PagePropertiesBuilder();
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            records.Add(parse(ref json, names, properties));
        }

        return records;
    }
}
