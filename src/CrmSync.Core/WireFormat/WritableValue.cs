using System.Globalization;
using CrmSync.Core.Configuration;
using CrmSync.Core.Normalization;

namespace CrmSync.Core.WireFormat;

/// <summary>
/// Whether a normalized value is a valid value of its field's type. A value that failed
/// normalization (kept as text so nothing is lost) is never sent to a typed CRM field.
/// </summary>
internal static class WritableValue
{
    public static bool IsValid(FieldMapping field, string value, IReadOnlyDictionary<string, OptionSetMap> optionSets) => field.Type switch
    {
        FieldType.Number => decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        FieldType.Date => DateOnly.TryParseExact(value, DateNormalizer.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        FieldType.DateTime => DateTime.TryParseExact(value, DateNormalizer.DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _),
        FieldType.Boolean => value is BooleanNormalizer.True or BooleanNormalizer.False,
        FieldType.OptionSet => optionSets[field.DynamicsAttribute].TryGetCode(value, out _),
        FieldType.Lookup => Guid.TryParse(value, out _),
        _ => true,
    };

    public static string Problem(FieldMapping field, string value) =>
        $"'{value}' is not a valid {field.Type} value for {field.Name}; fix it in the source CRM";
}
