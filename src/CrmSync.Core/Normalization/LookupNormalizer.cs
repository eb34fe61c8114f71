using System.Globalization;

namespace CrmSync.Core.Normalization;

/// <summary>Lookup: the referenced record's GUID, lower case without braces.</summary>
public static class LookupNormalizer
{
    public static NormalizedValue Normalize(string trimmed)
    {
        ArgumentNullException.ThrowIfNull(trimmed);
        return Guid.TryParse(trimmed, out var id)
            ? NormalizedValue.Valid(id.ToString("D", CultureInfo.InvariantCulture), id.ToString("D", CultureInfo.InvariantCulture))
            : NormalizedValue.Invalid(trimmed, "not a record id (GUID)");
    }
}
