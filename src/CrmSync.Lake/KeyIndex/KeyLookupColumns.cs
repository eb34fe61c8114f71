using CrmSync.Lake.Expressions;

namespace CrmSync.Lake.KeyIndex;

/// <summary>The columns a filter looks keys up in, where a key filter can exclude files: <c>IN</c> and <c>=</c>, alone or
/// under AND / OR. Under NOT a key filter proves nothing, so those columns are not listed.</summary>
internal static class KeyLookupColumns
{
    public static IEnumerable<string> Of(Expr filter) => filter switch
    {
        InExpr inExpr => [inExpr.Column],
        ComparisonExpr { Operator: ComparisonOperator.Equal } equal => [equal.Column],
        AndExpr and => and.Operands.SelectMany(Of),
        OrExpr or => or.Operands.SelectMany(Of),
        _ => [],
    };
}
