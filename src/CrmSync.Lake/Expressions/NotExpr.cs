using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Expressions;

/// <summary>Negation (unknown stays unknown). On stats it is exact only for partition columns; otherwise conservative.</summary>
public sealed class NotExpr(Expr operand) : Expr
{
    public Expr Operand { get; } = operand;

    public override IEnumerable<string> Columns => Operand.Columns;

    public override Func<Row, bool?> Bind(StructType schema)
    {
        var bound = Operand.Bind(schema);
        return row => !bound(row);
    }

    public override bool MightMatch(FileView file)
    {
        // Min/max bounds cannot prove "no row fails the operand"; only partition-only predicates are decided exactly.
        if (Operand.Columns.All(c => file.TryGetPartitionValue(c, out _)))
        {
            var values = file.Schema.Fields.Select(f => file.TryGetPartitionValue(f.Name, out var v) ? v : null).ToArray();
            return Bind(file.Schema)(new Row(file.Schema, values)) == true;
        }

        return true;
    }

    public override string ToString() => $"NOT {Operand}";
}
