namespace CrmSync.Sandbox.Dynamics;

/// <summary>A parsed $filter expression over contact rows.</summary>
internal abstract record ODataFilterNode
{
    public abstract bool Matches(DynamicsContact row);
}

internal sealed record ODataAndNode(ODataFilterNode Left, ODataFilterNode Right) : ODataFilterNode
{
    public override bool Matches(DynamicsContact row) => Left.Matches(row) && Right.Matches(row);
}

internal sealed record ODataOrNode(ODataFilterNode Left, ODataFilterNode Right) : ODataFilterNode
{
    public override bool Matches(DynamicsContact row) => Left.Matches(row) || Right.Matches(row);
}

internal sealed record ODataNotNode(ODataFilterNode Operand) : ODataFilterNode
{
    public override bool Matches(DynamicsContact row) => !Operand.Matches(row);
}

/// <summary>attribute op literal. Strings compare case-insensitively, as Dataverse's collation does.</summary>
internal sealed record ODataComparisonNode(string Attribute, string Operator, object? Literal) : ODataFilterNode
{
    public override bool Matches(DynamicsContact row)
    {
        var value = DynamicsContactValues.Read(row, Attribute);
        if (Literal is null || value is null)
        {
            var bothNull = Literal is null && value is null;
            return Operator switch { "eq" => bothNull, "ne" => !bothNull, _ => false };
        }
        var order = Compare(value, Literal);
        return Operator switch
        {
            "eq" => order == 0,
            "ne" => order != 0,
            "gt" => order > 0,
            "ge" => order >= 0,
            "lt" => order < 0,
            "le" => order <= 0,
            _ => false,
        };
    }

    private static int Compare(object value, object literal) => (value, literal) switch
    {
        (string s, string l) => string.Compare(s, l, StringComparison.OrdinalIgnoreCase),
        (DateTimeOffset d, DateTimeOffset l) => d.CompareTo(l),
        (Guid g, Guid l) => g.CompareTo(l),
        (int i, long l) => ((long)i).CompareTo(l),
        (bool b, bool l) => b.CompareTo(l),
        (long v, long l) => v.CompareTo(l),
        _ => throw new InvalidOperationException($"The parser let through a {literal.GetType().Name} literal for a {value.GetType().Name} column."),
    };
}
