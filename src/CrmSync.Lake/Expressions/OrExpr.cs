using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Expressions;

/// <summary>Disjunction: true if any operand is true, else unknown if any is unknown.</summary>
public sealed class OrExpr(IReadOnlyList<Expr> operands) : Expr
{
    public IReadOnlyList<Expr> Operands { get; } = operands;

    public override IEnumerable<string> Columns => Operands.SelectMany(o => o.Columns).Distinct();

    public override Func<Row, bool?> Bind(StructType schema)
    {
        var bound = Operands.Select(o => o.Bind(schema)).ToArray();
        return row =>
        {
            bool? result = false;
            foreach (var b in bound)
            {
                var r = b(row);
                if (r == true)
                    return true;
                if (r is null)
                    result = null;
            }

            return result;
        };
    }

    public override bool MightMatch(FileView file) => Operands.Any(o => o.MightMatch(file));

    public override string ToString() => "(" + string.Join(" OR ", Operands) + ")";
}
