namespace CrmSync.Lake.Expressions;

/// <summary>Orders strings by Unicode code point (= UTF-8 byte order), as Spark and Parquet statistics do; plain ordinal
/// UTF-16 comparison misorders surrogate pairs against U+E000..U+FFFF.</summary>
public sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        // The vectorized prefix scan finds the first difference; only that pair needs the surrogate fix.
        var common = x.AsSpan().CommonPrefixLength(y);
        return common < x.Length && common < y.Length ? Fix(x[common]) - Fix(y[common]) : x.Length - y.Length;
    }

    // Surrogates (D800-DFFF) encode code points above FFFF: move them above E000-FFFF.
    private static int Fix(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;
}
