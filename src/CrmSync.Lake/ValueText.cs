using System.Data.SqlTypes;
using System.Globalization;

namespace CrmSync.Lake;

/// <summary>Invariant text of a row value for messages and operation parameters.</summary>
internal static class ValueText
{
    public static string Render(object? value) => value switch
    {
        null => "null",
        string s => "'" + s + "'",
        byte[] b => "0x" + Convert.ToHexString(b),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SqlDecimal d => d.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        Row r => r.ToString(),
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Render)) + "]",
        _ => value.ToString() ?? "",
    };
}
