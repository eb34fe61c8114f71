using System.Globalization;
using System.Text.Json;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Turns one element of a contacts page into a <see cref="CrmRecord"/> in one pass of the page's reader:
/// every column and instance annotation (e.g. "new_lifecyclestage@OData.Community.Display.V1.FormattedValue")
/// as an invariant string, "@odata.*" control members left out. A $deletedEntity row becomes a delete.
/// The record's raw JSON is the row's own slice of the page.
/// </summary>
internal static class DynamicsRecordParser
{
    /// <param name="json">On the row's first token; left on its last.</param>
    /// <param name="body">The page the reader reads; the record keeps its slice of it as raw JSON.</param>
    /// <param name="names">Column names decoded for the page so far.</param>
    /// <param name="properties">Builds properties for the page's rows.</param>
    public static CrmRecord Parse(ref Utf8JsonReader json, byte[] body, PropertyNameCache names, PagePropertiesBuilder properties, JsonResponseReader reader, DateTimeOffset readAt)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            throw reader.Malformed($"a row of 'value' is {JsonMember.KindOf(json.TokenType)}, expected Object");
        }

        var start = (int)json.TokenStartIndex;
        JsonMember context = default, deletedId = default, contactId = default, modifiedOn = default;
        for (var position = 0; json.Read() && json.TokenType == JsonTokenType.PropertyName; position++)
        {
            var name = names.Get(ref json, position);
            json.Read();
            if (name.StartsWith("@odata.", StringComparison.Ordinal))
            {
                if (name == "@odata.context")
                {
                    context = JsonMember.Read(ref json);
                }
                else
                {
                    json.Skip();
                }

                continue;
            }

            var kind = JsonMember.KindOf(json.TokenType);
            var value = json.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => json.GetString(),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                _ => JsonText.Of(ref json, body),
            };
            properties.Add(name, value);
            var member = new JsonMember(kind, kind == JsonValueKind.String ? value : null);
            switch (name)
            {
                case "contactid": contactId = member; break;
                case "modifiedon": modifiedOn = member; break;
                case "id": deletedId = member; break;
            }
        }

        var rawJson = body.AsMemory(start..(int)json.BytesConsumed);
        var values = properties.Build();
        if (context.Text?.EndsWith("$deletedEntity", StringComparison.Ordinal) == true)
        {
            return new CrmRecord(reader.RequiredString(deletedId, "id"), readAt, true, new Dictionary<string, string?>(), rawJson);
        }

        var id = reader.RequiredString(contactId, "contactid");
        var modifiedText = reader.RequiredString(modifiedOn, "modifiedon");
        if (!DateTimeOffset.TryParse(modifiedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var modifiedAt))
        {
            throw reader.Malformed($"contact {id} has a modifiedon that is not a date");
        }

        return new CrmRecord(id, modifiedAt, false, values, rawJson);
    }
}
