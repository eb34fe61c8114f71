using System.Text.Json;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.HubSpot;

/// <summary>
/// Reads a list or search page {results: [contact, ...], paging: {next: {after}}, total} with
/// <see cref="JsonPageReader"/>: contacts keep their slices of the body as raw JSON, and property names are decoded
/// once per page and shared by its contacts' properties.
/// </summary>
internal static class HubSpotPageReader
{
    public static HubSpotPage Read(byte[] body, JsonResponseReader reader)
    {
        JsonElement? paging = null, total = null;
        var records = JsonPageReader.Read(body, reader, "results",
            (ref Utf8JsonReader json, PropertyNameCache names, PagePropertiesBuilder properties) =>
                HubSpotContactReader.Read(ref json, body, names, properties, reader),
            (ref Utf8JsonReader json) =>
            {
                if (json.ValueTextEquals("paging"u8))
                {
                    json.Read();
                    paging = JsonElement.ParseValue(ref json);
                    return true;
                }

                if (json.ValueTextEquals("total"u8))
                {
                    json.Read();
                    total = JsonElement.ParseValue(ref json);
                    return true;
                }

                return false;
            });

        string? next = null;
        if (reader.OptionalValue(paging, "paging", JsonValueKind.Object) is { } pagingJson && reader.Optional(pagingJson, "next", JsonValueKind.Object) is { } nextJson)
        {
            next = reader.RequiredString(nextJson, "after");
        }

        return new HubSpotPage(records, next, reader.OptionalValue(total, "total", JsonValueKind.Number)?.GetInt64());
    }
}
