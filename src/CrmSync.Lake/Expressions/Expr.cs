using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Expressions;

/// <summary>
/// A small predicate over columns: comparisons with literals, IN, IS NULL, AND, OR, NOT. SQL three-valued logic on
/// rows (a comparison with null is unknown, which filters the row out). Also evaluated on partition values (exact) and
/// on file statistics (conservative: "might match") to skip files.
/// Column names may be dotted paths into structs ("address.city").
/// </summary>
public abstract class Expr
{
    public static Expr Eq(string column, object? value) => new ComparisonExpr(column, ComparisonOperator.Equal, value);

    public static Expr Ne(string column, object? value) => new ComparisonExpr(column, ComparisonOperator.NotEqual, value);

    public static Expr Lt(string column, object? value) => new ComparisonExpr(column, ComparisonOperator.LessThan, value);

    public static Expr Le(string column, object? value) => new ComparisonExpr(column, ComparisonOperator.LessThanOrEqual, value);

    public static Expr Gt(string column, object? value) => new ComparisonExpr(column, ComparisonOperator.GreaterThan, value);

    public static Expr Ge(string column, object? value) => new ComparisonExpr(column, ComparisonOperator.GreaterThanOrEqual, value);

    public static Expr In(string column, params object?[] values) => new InExpr(column, values);

    /// <summary>A lone string is one value: without this overload it would bind to <c>In&lt;char&gt;</c>, one value per character.</summary>
    public static Expr In(string column, string value) => new InExpr(column, [value]);

    public static Expr In<T>(string column, IEnumerable<T> values) => new InExpr(column, values.Cast<object?>().ToArray());

    public static Expr IsNull(string column) => new IsNullExpr(column, negated: false);

    public static Expr IsNotNull(string column) => new IsNullExpr(column, negated: true);

    public static Expr And(params Expr[] operands) => new AndExpr(operands);

    public static Expr Or(params Expr[] operands) => new OrExpr(operands);

    public static Expr Not(Expr operand) => new NotExpr(operand);

    /// <summary>Top-level columns the predicate reads.</summary>
    public abstract IEnumerable<string> Columns { get; }

    /// <summary>Binds the predicate to a schema (column ordinals resolved, literals converted to the column types once).
    /// Returns true, false or null (unknown) per row.</summary>
    public abstract Func<Row, bool?> Bind(StructType schema);

    /// <summary>False only when no row of the file can match, judging by partition values and min/max/null-count stats.</summary>
    public abstract bool MightMatch(FileView file);

    /// <summary>SQL-like text (recorded in commitInfo.operationParameters).</summary>
    public abstract override string ToString();

    public static Expr operator &(Expr left, Expr right) => And(left, right);

    public static Expr operator |(Expr left, Expr right) => Or(left, right);

    public static Expr operator !(Expr operand) => Not(operand);

    internal static (int[] Path, DataType Type) ResolveColumn(StructType schema, string column)
    {
        var parts = column.Split('.');
        var path = new int[parts.Length];
        DataType type = schema;
        for (var i = 0; i < parts.Length; i++)
        {
            var s = type as StructType ?? throw new ArgumentException($"Column '{column}': '{parts[i - 1]}' is not a struct.", nameof(column));
            path[i] = s.IndexOf(parts[i]);
            type = s[path[i]].Type;
        }

        return (path, type);
    }

    internal static object? ValueAt(Row row, int[] path)
    {
        object? value = row;
        foreach (var ordinal in path)
        {
            if (value is not Row r)
                return null;
            value = r[ordinal];
        }

        return value;
    }
}
