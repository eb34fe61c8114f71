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
        var hasNull = Values.Any(v => v is null);
        // Built at the first row: a key lookup whose files are all skipped never needs it.
        HashSet<object>? set = null;
        return row =>
        {
            var value = ValueAt(row, path);
            if (value is null)
                return null;
            set ??= new HashSet<object>(Literals(type), RowValueEqualityComparer.Instance);
            return set.Contains(value) ? true : hasNull ? null : false;
        };
    }

    public override bool MightMatch(FileView file)
    {
        var (_, type) = ResolveColumn(file.Schema, Column);
        if (file.TryGetPartitionValue(Column, out var partitionValue))
            return partitionValue is not null && Array.BinarySearch(SortedLiterals(type), partitionValue, LiteralOrder) >= 0;
        if (file.TryGetBounds(Column, type, out var min, out var max))
        {
            if (file.KeyFilterDecides(Column) && KeyHasher.IsIndexable(type))
            {
                // The key filter decides which literals the file holds; the bounds only need the literals' range, not a sort.
                if (LiteralRange(type) is not { } range || ValueComparer.Compare(range.High, min) < 0 || ValueComparer.Compare(range.Low, max) > 0)
                    return false;
            }
            else
            {
                // The first literal >= min must also be <= max.
                var sorted = SortedLiterals(type);
                var index = Array.BinarySearch(sorted, min, LiteralOrder);
                if (index < 0)
                    index = ~index;
                if (index >= sorted.Length || ValueComparer.Compare(sorted[index], max) > 0)
                    return false;
            }
        }

        // Random keys (GUIDs, emails) defeat min/max; the key hashes still exclude a file holding none of the literals.
        return file.KeyHashes(Column) is not { } keys || !KeyHasher.IsIndexable(type) || LiteralHashes(type).Any(keys.MightContain);
    }

    private static readonly IComparer<object> LiteralOrder = Comparer<object>.Create(ValueComparer.Compare);

    private (DataType Type, object[] Literals)? _literals;
    private (DataType Type, object[] Literals)? _sorted;
    private (DataType Type, (object Low, object High)? Range)? _range;
    private (DataType Type, ulong[] Hashes)? _hashes;

    /// <summary>The non-null literals in the column's type, converted once (lists of a million keys are normal for key
    /// lookups, and a scan asks for them per file).</summary>
    private object[] Literals(DataType type)
    {
        if (_literals is { } cached && cached.Type.Equals(type))
            return cached.Literals;
        var literals = Values.Where(v => v is not null).Select(v => ValueComparer.ToColumnType(v!, type, Column)).ToArray();
        _literals = (type, literals);
        return literals;
    }

    /// <summary>The literals sorted once: skipping then costs a binary search per file, not a pass over every literal.</summary>
    private object[] SortedLiterals(DataType type)
    {
        if (_sorted is { } cached && cached.Type.Equals(type))
            return cached.Literals;
        var literals = (object[])Literals(type).Clone();
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

    /// <summary>The lowest and highest literal (null when there is none), found in one pass.</summary>
    private (object Low, object High)? LiteralRange(DataType type)
    {
        if (_range is { } cached && cached.Type.Equals(type))
            return cached.Range;
        object? low = null, high = null;
        foreach (var literal in Literals(type))
        {
            if (low is null || ValueComparer.Compare(literal, low) < 0)
                low = literal;
            if (high is null || ValueComparer.Compare(literal, high) > 0)
                high = literal;
        }

        (object Low, object High)? range = low is null ? null : (low, high!);
        _range = (type, range);
        return range;
    }

    /// <summary>The key-filter hashes of the literals, computed once (a scan probes every candidate file with them).</summary>
    private ulong[] LiteralHashes(DataType type)
    {
        if (_hashes is { } cached && cached.Type.Equals(type))
            return cached.Hashes;
        var hashes = Literals(type).Select(v => KeyHasher.Hash(v, type)).ToArray();
        _hashes = (type, hashes);
        return hashes;
    }

    public override string ToString() => $"{Column} IN ({string.Join(", ", Values.Select(ValueText.Render))})";
}
