namespace CrmSync.Pipeline.Operations.Convergence;

/// <summary>One place where the two CRMs disagree after a sync.</summary>
/// <param name="UnifiedContactId">The person, as linked by the crosswalk.</param>
/// <param name="Field">Unified field name, or <see cref="WholeRecord"/> when one CRM lacks the person.</param>
/// <param name="HubSpotValue">Normalized value in HubSpot (null when empty or absent).</param>
/// <param name="DynamicsValue">Normalized value in Dynamics (null when empty or absent).</param>
/// <param name="Explanation">Why the disagreement is expected (open manual conflict, dead letter, ...); null = unexplained.</param>
public sealed record ConvergenceFinding(string UnifiedContactId, string Field, string? HubSpotValue, string? DynamicsValue, string? Explanation)
{
    public const string WholeRecord = "(record)";

    public bool IsExplained => Explanation is not null;
}
