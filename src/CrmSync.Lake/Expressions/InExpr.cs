using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Expressions;

/// <summary><c>column IN (v1, v2, ...)</c>; hashed on rows, so large lists stay fast.</summary>
public sealed class InExpr(string column, IReadOnlyList<object?> values) : Expr
{
    public string Column { get; } = column;

    public IReadOnlyList<object?> Values { get; } = values;

    public override IEnumerable<string> Columns => [Column.Split('.')[0]];

    public override Func<Row, bool?> Bind(StructType schema)
    {
        var (path, type) = ResolveColumn(schema, Column);
        var set = new HashSet<object>(Values.Where(v => v is not null).Select(v => ValueComparer.ToColumnType(v!, type, Column)),
            RowValueEqualityComparer.Instance);
        var hasNull = Values.Any(v => v is null);
        return row =>
        {
            var value = ValueAt(row, path);
            if (value is null)
                return null;
            return set.Contains(value) ? true : hasNull ? null : false;
        };
    }

    public override bool MightMatch(FileView file)
    {
        var (_, type) = ResolveColumn(file.Schema, Column);
        var sorted = SortedLiterals(type);
        if (file.TryGetPartitionValue(Column, out var partitionValue))
            return partitionValue is not null && Array.BinarySearch(sorted, partitionValue, LiteralOrder) >= 0;
        if (file.TryGetBounds(Column, type, out var min, out var max))
        {
            // The first literal >= min must also be <= max.
            var index = Array.BinarySearch(sorted, min, LiteralOrder);
            if (index < 0)
                index = ~index;
            if (index >= sorted.Length || ValueComparer.Compare(sorted[index], max) > 0)
                return false;
        }

        // Random keys (GUIDs, emails) defeat min/max; the key hashes still exclude a file holding none of the literals.
        return file.KeyHashes(Column) is not { } keys || !KeyHasher.IsIndexable(type) || LiteralHashes(type, sorted).Any(keys.MightContain);
    }

    private static readonly IComparer<object> LiteralOrder = Comparer<object>.Create(ValueComparer.Compare);

    private (DataType Type, object[] Literals)? _sorted;

    /// <summary>The literals in the column's type, sorted once: skipping then costs a binary search per file, not a pass
    /// over every literal (lists of a million keys are normal for key lookups).</summary>
    private object[] SortedLiterals(DataType type)
    {
        if (_sorted is { } cached && cached.Type.Equals(type))
            return cached.Literals;
        var literals = Values.Where(v => v is not null).Select(v => ValueComparer.ToColumnType(v!, type, Column)).ToArray();
        if (type == PrimitiveType.String)
        {
            // Key lists are strings and long: a typed sort skips the per-comparison type switch of LiteralOrder.
            var strings = Array.ConvertAll(literals, l => (string)l);
            Array.Sort(strings, CodePointComparer.Instance);
            Array.Copy(strings, literals, strings.Length);
        }
        else
        {
            Array.Sort(literals, LiteralOrder);
        }

        _sorted = (type, literals);
        return literals;
    }

    private ulong[]? _hashes;

    /// <summary>The key-filter hashes of the sorted literals, computed once (a scan probes every candidate file with them).</summary>
    private ulong[] LiteralHashes(DataType type, object[] sorted)
    {
        if (_hashes is { } cached && _sorted?.Literals == sorted)
            return cached;
        return _hashes = sorted.Select(v => KeyHasher.Hash(v, type)).ToArray();
    }

    public override string ToString() => $"{Column} IN ({string.Join(", ", Values.Select(ValueText.Render))})";
}
