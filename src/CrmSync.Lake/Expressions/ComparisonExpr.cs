using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Expressions;

/// <summary><c>column op literal</c>. A null literal or null value makes the comparison unknown (SQL semantics).</summary>
public sealed class ComparisonExpr(string column, ComparisonOperator op, object? literal) : Expr
{
    public string Column { get; } = column;

    public ComparisonOperator Operator { get; } = op;

    public object? Literal { get; } = literal;

    public override IEnumerable<string> Columns => [Column.Split('.')[0]];

    public override Func<Row, bool?> Bind(StructType schema)
    {
        var (path, type) = ResolveColumn(schema, Column);
        if (Literal is null)
            return _ => null;
        var literal = ValueComparer.ToColumnType(Literal, type, Column);
        return row => ValueAt(row, path) is { } value ? Holds(ValueComparer.Compare(value, literal)) : null;
    }

    public override bool MightMatch(FileView file)
    {
        if (Literal is null)
            return false;
        var (_, type) = ResolveColumn(file.Schema, Column);
        var literal = ValueComparer.ToColumnType(Literal, type, Column);
        if (file.TryGetPartitionValue(Column, out var partitionValue))
            return partitionValue is not null && Holds(ValueComparer.Compare(partitionValue, literal));
        if (Operator == ComparisonOperator.Equal && file.KeyHashes(Column) is { } keys && KeyHasher.IsIndexable(type)
            && !keys.MightContain(KeyHasher.Hash(literal, type)))
            return false;
        if (!file.TryGetBounds(Column, type, out var min, out var max))
            return true;
        return Operator switch
        {
            ComparisonOperator.Equal => ValueComparer.Compare(min, literal) <= 0 && ValueComparer.Compare(max, literal) >= 0,
            ComparisonOperator.NotEqual => !(ValueComparer.Compare(min, literal) == 0 && ValueComparer.Compare(max, literal) == 0),
            ComparisonOperator.LessThan => ValueComparer.Compare(min, literal) < 0,
            ComparisonOperator.LessThanOrEqual => ValueComparer.Compare(min, literal) <= 0,
            ComparisonOperator.GreaterThan => ValueComparer.Compare(max, literal) > 0,
            _ => ValueComparer.Compare(max, literal) >= 0,
        };
    }

    private bool Holds(int comparison) => Operator switch
    {
        ComparisonOperator.Equal => comparison == 0,
        ComparisonOperator.NotEqual => comparison != 0,
        ComparisonOperator.LessThan => comparison < 0,
        ComparisonOperator.LessThanOrEqual => comparison <= 0,
        ComparisonOperator.GreaterThan => comparison > 0,
        _ => comparison >= 0,
    };

    public override string ToString() => $"{Column} {Symbol} {ValueText.Render(Literal)}";

    private string Symbol => Operator switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "<>",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        _ => ">=",
    };
}
