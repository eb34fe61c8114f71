using System.Text;
using Apache.Arrow;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// A necessary condition of a filter, <c>column IN (strings)</c>, checked on the column's UTF-8 bytes as Parquet holds
/// them: a row whose key is not in the set cannot match, so neither its key nor any other value becomes a .NET string.
/// Key lookups of a few keys in a large table then cost a byte comparison per row, not a string per row.
/// </summary>
internal sealed class Utf8KeyProbe
{
    private readonly HashSet<byte[]> _keys;
    private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    private Utf8KeyProbe(string column, HashSet<byte[]> keys)
    {
        Column = column;
        _keys = keys;
        _lookup = keys.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public string Column { get; }

    /// <summary>The probe a filter implies: an IN of strings on a top-level string column, alone or as an AND operand.</summary>
    public static Utf8KeyProbe? From(Expr? filter, StructType schema) => filter switch
    {
        InExpr inExpr => FromIn(inExpr, schema),
        AndExpr and => and.Operands.Select(o => o as InExpr).OfType<InExpr>().Select(i => FromIn(i, schema)).FirstOrDefault(p => p is not null),
        _ => null,
    };

    /// <summary>False when the row's key is null or not one of the keys (the filter is then not true for the row).</summary>
    public bool MightMatch(StringArray column, int row) => !column.IsNull(row) && _lookup.Contains(column.GetBytes(row));

    private static Utf8KeyProbe? FromIn(InExpr inExpr, StructType schema)
    {
        if (inExpr.Column.Contains('.', StringComparison.Ordinal) || schema.TryIndexOf(inExpr.Column) is not (var ordinal and >= 0)
            || schema[ordinal].Type != PrimitiveType.String || !inExpr.Values.All(v => v is null or string))
            return null;
        var keys = new HashSet<byte[]>(ByteContentComparer.Instance);
        foreach (var value in inExpr.Values.OfType<string>())
            keys.Add(Encoding.UTF8.GetBytes(value));
        return new Utf8KeyProbe(schema[ordinal].Name, keys);
    }

    /// <summary>Equality by content, with span lookups so probing allocates nothing.</summary>
    private sealed class ByteContentComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteContentComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
