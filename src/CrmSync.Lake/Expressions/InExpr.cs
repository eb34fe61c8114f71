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
        var literals = Values.Where(v => v is not null).Select(v => ValueComparer.ToColumnType(v!, type, Column)).ToList();
        if (file.TryGetPartitionValue(Column, out var partitionValue))
            return partitionValue is not null && literals.Any(l => ValueComparer.Compare(partitionValue, l) == 0);
        if (!file.TryGetBounds(Column, type, out var min, out var max))
            return true;
        return literals.Any(l => ValueComparer.Compare(min, l) <= 0 && ValueComparer.Compare(max, l) >= 0);
    }

    public override string ToString() => $"{Column} IN ({string.Join(", ", Values.Select(ValueText.Render))})";
}
