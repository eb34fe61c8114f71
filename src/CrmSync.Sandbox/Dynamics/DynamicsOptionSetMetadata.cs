using System.Text.Json;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// Answers EntityDefinitions(LogicalName='contact')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata
/// ?$select=LogicalName&amp;$expand=OptionSet in the Web API's shape (OptionSet.Options[].Value and
/// Label.UserLocalizedLabel.Label, plus LocalizedLabels).
/// </summary>
internal static class DynamicsOptionSetMetadata
{
    public const string Resource = "EntityDefinitions(LogicalName='contact')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata";

    public static DynamicsResponse Handle(string serviceRoot)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", $"{serviceRoot}$metadata#EntityDefinitions('contact')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata(LogicalName,OptionSet())");
            json.WriteStartArray("value");
            foreach (var (attribute, options) in DynamicsContactSchema.OptionSets)
            {
                json.WriteStartObject();
                json.WriteString("LogicalName", attribute);
                json.WriteString("MetadataId", StableId(attribute).ToString("D"));
                json.WriteStartObject("OptionSet");
                json.WriteString("Name", "contact_" + attribute);
                json.WriteString("OptionSetType", "Picklist");
                json.WriteStartArray("Options");
                foreach (var (value, label) in options)
                {
                    json.WriteStartObject();
                    json.WriteNumber("Value", value);
                    json.WriteStartObject("Label");
                    json.WriteStartArray("LocalizedLabels");
                    WriteLabel(json, label);
                    json.WriteEndArray();
                    json.WritePropertyName("UserLocalizedLabel");
                    WriteLabel(json, label);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return DynamicsResponse.Json(200, buffer.ToArray());
    }

    private static void WriteLabel(Utf8JsonWriter json, string label)
    {
        json.WriteStartObject();
        json.WriteString("Label", label);
        json.WriteNumber("LanguageCode", 1033);
        json.WriteEndObject();
    }

    private static Guid StableId(string attribute) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("contact." + attribute)).AsSpan(0, 16));
}
