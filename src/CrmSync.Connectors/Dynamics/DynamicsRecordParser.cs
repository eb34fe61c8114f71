using System.Globalization;
using System.Text.Json;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Turns one element of a contacts page into a <see cref="CrmRecord"/>: every column and instance
/// annotation (e.g. "new_lifecyclestage@OData.Community.Display.V1.FormattedValue") as an invariant
/// string, "@odata.*" control members left out. A $deletedEntity row becomes a delete.
/// </summary>
internal static class DynamicsRecordParser
{
    public static CrmRecord Parse(JsonElement row, JsonResponseReader reader, DateTimeOffset readAt)
    {
        if (row.ValueKind != JsonValueKind.Object) throw reader.Malformed($"a row of 'value' is {row.ValueKind}, expected Object");
        if (row.TryGetProperty("@odata.context", out var context) && context.ValueKind == JsonValueKind.String
            && context.GetString()!.EndsWith("$deletedEntity", StringComparison.Ordinal))
        {
            var deletedId = reader.RequiredString(row, "id");
            return new CrmRecord(deletedId, readAt, true, new Dictionary<string, string?>(), row.GetRawText());
        }

        var id = reader.RequiredString(row, "contactid");
        var modifiedText = reader.RequiredString(row, "modifiedon");
        if (!DateTimeOffset.TryParse(modifiedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var modifiedOn))
            throw reader.Malformed($"contact {id} has a modifiedon that is not a date");
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in row.EnumerateObject())
        {
            if (property.Name.StartsWith("@odata.", StringComparison.Ordinal)) continue;
            properties[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => property.Value.GetRawText(),
            };
        }
        return new CrmRecord(id, modifiedOn, false, properties, row.GetRawText());
    }
}
