using Microsoft.AspNetCore.Http;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>GET /crm/v3/properties/contacts: {results:[{name,label,type,fieldType,options[],hasUniqueValue,modificationMetadata}]}.</summary>
internal static class HubSpotPropertiesEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        HubSpotHttp.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var property in HubSpotContactSchema.All)
            {
                w.WriteStartObject();
                w.WriteString("name", property.Name);
                w.WriteString("label", property.Label);
                w.WriteString("type", property.Type);
                w.WriteString("fieldType", property.FieldType);
                w.WriteString("groupName", "contactinformation");
                w.WriteStartArray("options");
                foreach (var option in property.Options)
                {
                    w.WriteStartObject();
                    w.WriteString("label", option.Label);
                    w.WriteString("value", option.Value);
                    w.WriteNumber("displayOrder", option.DisplayOrder);
                    w.WriteBoolean("hidden", false);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteBoolean("hasUniqueValue", property.HasUniqueValue);
                w.WriteBoolean("calculated", false);
                w.WriteStartObject("modificationMetadata");
                w.WriteBoolean("readOnlyValue", property.ReadOnly);
                w.WriteBoolean("readOnlyDefinition", true);
                w.WriteBoolean("archivable", false);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
}
