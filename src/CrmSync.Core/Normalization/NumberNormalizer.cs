using System.Globalization;

namespace CrmSync.Core.Normalization;

/// <summary>Number: invariant culture, no trailing zeros, so "1.0", "1" and "1.00" are one value.</summary>
public static class NumberNormalizer
{
    public static NormalizedValue Normalize(string trimmed)
    {
        ArgumentNullException.ThrowIfNull(trimmed);
        if (!decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return NormalizedValue.Invalid(trimmed, "not a number (invariant culture, '.' as decimal point)");
        }

        var canonical = number == 0 ? "0" : number.ToString("0.############################", CultureInfo.InvariantCulture);
        return NormalizedValue.Valid(canonical, canonical);
    }
}
