using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Expressions;

/// <summary>Conjunction: false if any operand is false, else unknown if any is unknown.</summary>
public sealed class AndExpr(IReadOnlyList<Expr> operands) : Expr
{
    public IReadOnlyList<Expr> Operands { get; } = operands;

    public override IEnumerable<string> Columns => Operands.SelectMany(o => o.Columns).Distinct();

    public override Func<Row, bool?> Bind(StructType schema)
    {
        var bound = Operands.Select(o => o.Bind(schema)).ToArray();
        return row =>
        {
            bool? result = true;
            foreach (var b in bound)
            {
                var r = b(row);
                if (r == false)
                    return false;
                if (r is null)
                    result = null;
            }

            return result;
        };
    }

    public override bool MightMatch(FileView file) => Operands.All(o => o.MightMatch(file));

    public override string ToString() => "(" + string.Join(" AND ", Operands) + ")";
}
