using System.Text.Json;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Reads a contacts page {value: [row, ...], @odata.nextLink, @odata.deltaLink} with <see cref="JsonPageReader"/>: rows
/// keep their slices of the body as raw JSON, and column names are decoded once per page (a 5,000-row page repeats ~40
/// names per row) and shared by its rows' properties.
/// </summary>
internal static class DynamicsPageReader
{
    public static (List<CrmRecord> Records, string? NextLink, string? DeltaLink) Read(byte[] body, JsonResponseReader reader, DateTimeOffset readAt)
    {
        JsonMember nextLink = default, deltaLink = default;
        var records = JsonPageReader.Read(body, reader, "value",
            (ref Utf8JsonReader json, PropertyNameCache names, PagePropertiesBuilder properties) =>
                DynamicsRecordParser.Parse(ref json, body, names, properties, reader, readAt),
            (ref Utf8JsonReader json) =>
            {
                if (json.ValueTextEquals("@odata.nextLink"u8))
                {
                    json.Read();
                    nextLink = JsonMember.Read(ref json);
                    return true;
                }

                if (json.ValueTextEquals("@odata.deltaLink"u8))
                {
                    json.Read();
                    deltaLink = JsonMember.Read(ref json);
                    return true;
                }

                return false;
            });
        return (records, reader.OptionalString(nextLink, "@odata.nextLink"), reader.OptionalString(deltaLink, "@odata.deltaLink"));
    }
}
