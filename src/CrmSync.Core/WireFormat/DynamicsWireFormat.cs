using System.Globalization;
using System.Text.Json;
using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Normalization;

namespace CrmSync.Core.WireFormat;

/// <summary>
/// A unified value as a Dataverse Web API attribute: strings, JSON numbers and booleans, option set
/// integer codes, and lookups as <c>"nav@odata.bind": "/entityset(guid)"</c>. Null clears.
/// </summary>
public sealed class DynamicsWireFormat
{
    private readonly DynamicsSettings _settings;

    public DynamicsWireFormat(DynamicsSettings settings)
    {
        _settings = settings;
    }

    /// <summary>Writes the attribute for <paramref name="value"/> (name and value) into the object <paramref name="payload"/>
    /// is in; false with a reason, and nothing written, when it cannot be expressed.</summary>
    public bool TryWrite(Utf8JsonWriter payload, FieldMapping field, UnifiedField value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        problem = null;
        if (field.Type == FieldType.Lookup && (value.Value is null || Guid.TryParse(value.Value, out _)))
        {
            var binding = _settings.Lookups[field.DynamicsAttribute];
            var name = binding.NavigationProperty + "@odata.bind";
            if (value.Value is null)
            {
                payload.WriteNull(name);
            }
            else
            {
                payload.WriteString(name, $"/{binding.EntitySet}({value.Value})");
            }

            return true;
        }

        if (value.Value is null)
        {
            payload.WriteNull(field.DynamicsAttribute);
            return true;
        }

        if (!WritableValue.IsValid(field, value.Value, _settings.OptionSets))
        {
            problem = WritableValue.Problem(field, value.Value);
            return false;
        }

        switch (field.Type)
        {
            case FieldType.Number:
                payload.WriteNumber(field.DynamicsAttribute, decimal.Parse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture));
                break;
            case FieldType.Boolean:
                payload.WriteBoolean(field.DynamicsAttribute, value.Value == BooleanNormalizer.True);
                break;
            case FieldType.OptionSet:
                payload.WriteNumber(field.DynamicsAttribute, Code(field, value.Value));
                break;
            case FieldType.Text or FieldType.Email or FieldType.Phone:
                payload.WriteString(field.DynamicsAttribute, value.Text ?? value.Value);
                break;
            default:
                payload.WriteString(field.DynamicsAttribute, value.Value);
                break;
        }

        return true;
    }

    private int Code(FieldMapping field, string label)
    {
        _settings.OptionSets[field.DynamicsAttribute].TryGetCode(label, out var code);
        return code;
    }
}
