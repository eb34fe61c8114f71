using CrmSync.Core.Configuration;

namespace CrmSync.Core.Normalization;

/// <summary>
/// Normalizes a raw CRM value by its field's type so cosmetic differences never make a delta.
/// Empty and whitespace-only values are null. Accepts either CRM's representation for every type.
/// </summary>
public sealed class FieldValueNormalizer
{
    private readonly IReadOnlyDictionary<string, OptionSetMap> _optionSets;

    /// <param name="optionSets">dynamics.option_sets by attribute.</param>
    public FieldValueNormalizer(IReadOnlyDictionary<string, OptionSetMap> optionSets)
    {
        _optionSets = optionSets;
    }

    public NormalizedValue Normalize(FieldMapping field, string? raw)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return NormalizedValue.Empty;
        }

        var trimmed = raw.Trim();
        return field.Type switch
        {
            FieldType.Text => NormalizedValue.Valid(TextNormalizer.Normalize(trimmed), trimmed),
            FieldType.Email => EmailNormalizer.Normalize(trimmed),
            FieldType.Phone => PhoneNormalizer.Normalize(trimmed),
            FieldType.Number => NumberNormalizer.Normalize(trimmed),
            FieldType.Date => DateNormalizer.NormalizeDate(trimmed),
            FieldType.DateTime => DateNormalizer.NormalizeDateTime(trimmed),
            FieldType.Boolean => BooleanNormalizer.Normalize(trimmed),
            FieldType.OptionSet => OptionSetNormalizer.Normalize(trimmed, _optionSets[field.DynamicsAttribute]),
            FieldType.Lookup => LookupNormalizer.Normalize(trimmed),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "Unknown field type."),
        };
    }
}
