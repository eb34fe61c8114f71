using System.Globalization;
using System.Text.Json;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// Writes contact rows as the Web API does: selected columns, ETag, and the requested annotations.
/// Built once per request (what to write is decided up front) and kept cheap per row, since a
/// 100,000-contact read goes through here.
/// </summary>
internal sealed class DynamicsContactJsonWriter
{
    private static readonly Dictionary<string, (JsonEncodedText Name, JsonEncodedText Formatted, JsonEncodedText LookupName)> Names =
        DynamicsContactSchema.Attributes.Keys.ToDictionary(a => a, a => (
            JsonEncodedText.Encode(a),
            JsonEncodedText.Encode(a + "@" + DynamicsAnnotationPreference.FormattedValue),
            JsonEncodedText.Encode(a + "@" + DynamicsAnnotationPreference.LookupLogicalName)));

    private static readonly JsonEncodedText ETag = JsonEncodedText.Encode("@odata.etag");

    private readonly (string Attribute, DynamicsAttributeKind Kind)[] _columns;
    private readonly bool _formatted;
    private readonly bool _lookupNames;
    private readonly Func<Guid, string?> _accountName;

    public DynamicsContactJsonWriter(IReadOnlyList<string>? select, DynamicsAnnotationPreference annotations, Func<Guid, string?> accountName)
    {
        _columns = [.. (select ?? (IEnumerable<string>)DynamicsContactSchema.Attributes.Keys).Select(a => (a, DynamicsContactSchema.Attributes[a].Kind))];
        _formatted = annotations.Includes(DynamicsAnnotationPreference.FormattedValue);
        _lookupNames = annotations.Includes(DynamicsAnnotationPreference.LookupLogicalName);
        _accountName = accountName;
    }

    public void Write(Utf8JsonWriter json, DynamicsContact row)
    {
        json.WriteStartObject();
        json.WriteString(ETag, $"W/\"{row.VersionNumber.ToString(CultureInfo.InvariantCulture)}\"");
        foreach (var (attribute, kind) in _columns)
        {
            var names = Names[attribute];
            var value = DynamicsContactValues.Read(row, attribute);
            if (_formatted && value is not null && Formatted(attribute, kind, value) is { } formatted)
                json.WriteString(names.Formatted, formatted);
            if (_lookupNames && kind == DynamicsAttributeKind.Lookup && value is not null)
                json.WriteString(names.LookupName, "account");
            json.WritePropertyName(names.Name);
            WriteValue(json, value);
        }
        json.WriteEndObject();
    }

    private string? Formatted(string attribute, DynamicsAttributeKind kind, object value) => (kind, value) switch
    {
        (DynamicsAttributeKind.Picklist, int code) => DynamicsContactSchema.LabelOf(attribute, code),
        (DynamicsAttributeKind.Boolean, bool flag) => flag ? "Do Not Allow" : "Allow",
        (DynamicsAttributeKind.Lookup, Guid id) => _accountName(id),
        (DynamicsAttributeKind.DateTime, DateTimeOffset at) => at.ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case bool b: json.WriteBooleanValue(b); break;
            case Guid g: json.WriteStringValue(g); break;
            case DateTimeOffset d: json.WriteStringValue(d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)); break;
            default: throw new InvalidOperationException($"Unsupported stored value type {value.GetType().Name}.");
        }
    }
}
