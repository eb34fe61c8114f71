using System.Globalization;
using System.Text.Json.Nodes;
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

    /// <summary>Adds the attribute for <paramref name="value"/> to <paramref name="payload"/>; false with a reason when it cannot be expressed.</summary>
    public bool TryWrite(JsonObject payload, FieldMapping field, UnifiedField value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        problem = null;
        if (field.Type == FieldType.Lookup && (value.Value is null || Guid.TryParse(value.Value, out _)))
        {
            var binding = _settings.Lookups[field.DynamicsAttribute];
            payload[binding.NavigationProperty + "@odata.bind"] = value.Value is null ? null : $"/{binding.EntitySet}({value.Value})";
            return true;
        }

        if (value.Value is null)
        {
            payload[field.DynamicsAttribute] = null;
            return true;
        }

        if (!WritableValue.IsValid(field, value.Value, _settings.OptionSets))
        {
            problem = WritableValue.Problem(field, value.Value);
            return false;
        }

        payload[field.DynamicsAttribute] = field.Type switch
        {
            FieldType.Number => JsonValue.Create(decimal.Parse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture)),
            FieldType.Boolean => JsonValue.Create(value.Value == BooleanNormalizer.True),
            FieldType.OptionSet => JsonValue.Create(Code(field, value.Value)),
            FieldType.Text or FieldType.Email or FieldType.Phone => JsonValue.Create(value.Text ?? value.Value),
            _ => JsonValue.Create(value.Value),
        };
        return true;
    }

    private int Code(FieldMapping field, string label)
    {
        _settings.OptionSets[field.DynamicsAttribute].TryGetCode(label, out var code);
        return code;
    }
}
