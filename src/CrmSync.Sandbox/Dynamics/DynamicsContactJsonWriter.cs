using System.Globalization;
using System.Text.Json;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>Writes a contact row as the Web API does: selected columns, ETag, and the requested annotations.</summary>
internal static class DynamicsContactJsonWriter
{
    public static void Write(
        Utf8JsonWriter json,
        DynamicsContact row,
        IReadOnlyList<string>? select,
        DynamicsAnnotationPreference annotations,
        Func<Guid, string?> accountName)
    {
        json.WriteStartObject();
        json.WriteString("@odata.etag", $"W/\"{row.VersionNumber.ToString(CultureInfo.InvariantCulture)}\"");
        foreach (var attribute in select ?? (IEnumerable<string>)DynamicsContactSchema.Attributes.Keys)
        {
            var value = DynamicsContactValues.Read(row, attribute);
            var kind = DynamicsContactSchema.Attributes[attribute].Kind;
            var formatted = kind switch
            {
                DynamicsAttributeKind.Picklist when value is int code => DynamicsContactSchema.LabelOf(attribute, code),
                DynamicsAttributeKind.Boolean when value is bool flag => flag ? "Do Not Allow" : "Allow",
                DynamicsAttributeKind.Lookup when value is Guid id => accountName(id),
                DynamicsAttributeKind.DateTime when value is DateTimeOffset at => at.ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (formatted is not null && annotations.Includes(DynamicsAnnotationPreference.FormattedValue))
                json.WriteString(attribute + "@" + DynamicsAnnotationPreference.FormattedValue, formatted);
            if (kind == DynamicsAttributeKind.Lookup && value is not null && annotations.Includes(DynamicsAnnotationPreference.LookupLogicalName))
                json.WriteString(attribute + "@" + DynamicsAnnotationPreference.LookupLogicalName, "account");
            json.WritePropertyName(attribute);
            WriteValue(json, value);
        }
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case bool b: json.WriteBooleanValue(b); break;
            case Guid g: json.WriteStringValue(g.ToString("D")); break;
            case DateTimeOffset d: json.WriteStringValue(d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)); break;
            default: throw new InvalidOperationException($"Unsupported stored value type {value.GetType().Name}.");
        }
    }
}
