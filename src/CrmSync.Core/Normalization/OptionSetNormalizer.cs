using System.Globalization;
using CrmSync.Core.Configuration;

namespace CrmSync.Core.Normalization;

/// <summary>
/// Option set: HubSpot's value (label) and Dynamics' integer code both become the configured label,
/// so <c>lead</c>, <c>Lead</c> and <c>100000001</c> are one value.
/// </summary>
public static class OptionSetNormalizer
{
    public static NormalizedValue Normalize(string trimmed, OptionSetMap options)
    {
        ArgumentNullException.ThrowIfNull(trimmed);
        ArgumentNullException.ThrowIfNull(options);
        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
        {
            return options.TryGetLabel(code, out var label)
                ? NormalizedValue.Valid(label, label)
                : NormalizedValue.Invalid(trimmed, $"option code {trimmed} is not in dynamics.option_sets.{options.Attribute}");
        }

        return options.TryGetCanonicalLabel(trimmed, out var canonical)
            ? NormalizedValue.Valid(canonical, canonical)
            : NormalizedValue.Invalid(trimmed, $"'{trimmed}' is not a label in dynamics.option_sets.{options.Attribute}");
    }
}
