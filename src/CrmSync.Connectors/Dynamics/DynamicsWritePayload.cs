using System.Globalization;
using System.Text.Json;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// The JSON body of one contact PATCH: configured lookups become "nav@odata.bind": "/set(id)",
/// picklist labels become their codes. A value that cannot be written throws ArgumentException
/// naming the record and field, and the record fails alone without being sent.
/// </summary>
internal static class DynamicsWritePayload
{
    public static string Build(DynamicsContactWrite write, DynamicsOptionSetMap optionSets, IReadOnlyList<DynamicsLookupBinding> lookups)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (field, value) in write.Fields)
            {
                var lookup = lookups.FirstOrDefault(l => l.ReadAttribute == field);
                if (lookup is not null)
                {
                    json.WritePropertyName(lookup.BindProperty);
                    if (value is null) json.WriteNullValue();
                    else json.WriteStringValue(lookup.Reference(LookupId(write, field, value)));
                    continue;
                }
                json.WritePropertyName(field);
                if (value is string label && optionSets.IsPicklist(field))
                {
                    if (!optionSets.TryGetCode(field, label, out var code))
                        throw new ArgumentException(
                            $"Contact {write.ContactId:D} ({write.InputKey}): '{label}' is not an option of '{field}' (options: {string.Join(", ", optionSets.LabelsOf(field))}).");
                    json.WriteNumberValue(code);
                    continue;
                }
                WriteValue(json, write, field, value);
            }
            json.WriteEndObject();
        }
        return global::System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Guid LookupId(DynamicsContactWrite write, string field, object value) => value switch
    {
        Guid id => id,
        string text when Guid.TryParse(text, out var id) => id,
        _ => throw new ArgumentException($"Contact {write.ContactId:D} ({write.InputKey}): lookup '{field}' needs a record id, not a {value.GetType().Name}."),
    };

    private static void WriteValue(Utf8JsonWriter json, DynamicsContactWrite write, string field, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case decimal m: json.WriteNumberValue(m); break;
            case double d: json.WriteNumberValue(d); break;
            case Guid g: json.WriteStringValue(g.ToString("D")); break;
            case DateTimeOffset t: json.WriteStringValue(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)); break;
            default:
                throw new ArgumentException($"Contact {write.ContactId:D} ({write.InputKey}): field '{field}' has a value of unsupported type {value.GetType().Name}.");
        }
    }
}
