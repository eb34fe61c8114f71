using System.Buffers.Binary;
using Apache.Arrow;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// A necessary condition of a filter, <c>column IN (strings)</c>, checked on the column's UTF-8 bytes as Parquet holds
/// them: a row whose key is not in the set cannot match, so neither its key nor any other value becomes a .NET string.
/// Key lookups of a few keys in a large table then cost a byte comparison per row, not a string per row: a bitmap of
/// the keys' cheap fingerprints (first and last 8 bytes) turns most rows away before the set is hashed.
/// </summary>
internal sealed class Utf8KeyProbe
{
    private const int FingerprintBits = 1 << 16;

    private readonly Utf8KeySet _keys;
    private readonly ulong[] _fingerprints = new ulong[FingerprintBits / 64];

    private Utf8KeyProbe(string column, Utf8KeySet keys)
    {
        Column = column;
        _keys = keys;
        for (var i = 0; i < keys.Count; i++)
        {
            var bit = Fingerprint(keys.KeyAt(i));
            _fingerprints[bit >> 6] |= 1UL << bit;
        }
    }

    public string Column { get; }

    /// <summary>The probe a filter implies: an IN of strings on a top-level string column, alone or as an AND operand.</summary>
    public static Utf8KeyProbe? From(Expr? filter, StructType schema) => filter switch
    {
        InExpr inExpr => FromIn(inExpr, schema),
        AndExpr and => and.Operands.Select(o => o as InExpr).OfType<InExpr>().Select(i => FromIn(i, schema)).FirstOrDefault(p => p is not null),
        _ => null,
    };

    /// <summary>Appends to <paramref name="rows"/> the rows of <paramref name="column"/> whose key is one of the keys,
    /// ascending; a row left out has a null key or another one, so the filter is not true for it.</summary>
    public void AddMatchingRows(StringArray column, List<int> rows)
    {
        var offsets = column.ValueOffsets;
        var values = column.Values;
        var hasNulls = column.NullCount > 0;
        for (var r = 0; r < column.Length; r++)
        {
            if (hasNulls && column.IsNull(r))
                continue;
            if (Contains(values[offsets[r]..offsets[r + 1]]))
                rows.Add(r);
        }
    }

    /// <summary>True when <paramref name="key"/> (UTF-8 bytes) is one of the keys.</summary>
    public bool Contains(ReadOnlySpan<byte> key)
    {
        var bit = Fingerprint(key);
        return (_fingerprints[bit >> 6] & (1UL << bit)) != 0 && _keys.Contains(key);
    }

    /// <summary>A bit of the fingerprint bitmap from the length and the first and last 8 bytes (all of a shorter key).</summary>
    private static int Fingerprint(ReadOnlySpan<byte> key)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15UL;
        ulong hash = (ulong)key.Length;
        if (key.Length >= 8)
        {
            hash ^= BinaryPrimitives.ReadUInt64LittleEndian(key) * Multiplier;
            hash ^= BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]);
        }
        else
        {
            foreach (var b in key)
                hash = (hash << 8) | b;
            hash *= Multiplier;
        }

        return (int)((hash * Multiplier) >> 48);
    }

    /// <summary>The probe of <paramref name="column"/> (a string column) for <paramref name="keys"/>.</summary>
    public static Utf8KeyProbe For(string column, IEnumerable<string> keys) =>
        new(column, new Utf8KeySet(keys as IReadOnlyCollection<string> ?? [.. keys]));

    private static Utf8KeyProbe? FromIn(InExpr inExpr, StructType schema)
    {
        if (inExpr.Column.Contains('.', StringComparison.Ordinal) || schema.TryIndexOf(inExpr.Column) is not (var ordinal and >= 0)
            || schema[ordinal].Type != PrimitiveType.String || !inExpr.Values.All(v => v is null or string))
            return null;
        return For(schema[ordinal].Name, inExpr.Values.OfType<string>());
    }
}
