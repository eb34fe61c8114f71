using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Expressions;

/// <summary><c>column IS NULL</c> / <c>IS NOT NULL</c> (never unknown).</summary>
public sealed class IsNullExpr(string column, bool negated) : Expr
{
    public string Column { get; } = column;

    public bool Negated { get; } = negated;

    public override IEnumerable<string> Columns => [Column.Split('.')[0]];

    public override Func<Row, bool?> Bind(StructType schema)
    {
        var (path, _) = ResolveColumn(schema, Column);
        return row => (ValueAt(row, path) is null) != Negated;
    }

    public override bool MightMatch(FileView file)
    {
        if (file.TryGetPartitionValue(Column, out var partitionValue))
            return (partitionValue is null) != Negated;
        var nulls = file.NullCount(Column);
        if (nulls is null)
            return true;
        return Negated ? file.NumRecords is not { } n || nulls < n : nulls > 0;
    }

    public override string ToString() => $"{Column} IS {(Negated ? "NOT " : "")}NULL";
}
