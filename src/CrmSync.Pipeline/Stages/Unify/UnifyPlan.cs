using System.Globalization;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>
/// What one unify execution consumes: each CRM's bronze rows after its cursor up to the ingest_seq planned here, split
/// into <see cref="Partitions"/> partitions of people. Kept with the RUNNING row, so a resumed execution works through
/// the same rows in the same partitions even when ingest appended more in between.
/// </summary>
internal sealed record UnifyPlan(long HubSpotThrough, long DynamicsThrough, int Partitions)
{
    public long Through(Core.SourceSystem system) => system == Core.SourceSystem.HubSpot ? HubSpotThrough : DynamicsThrough;

    public IReadOnlyDictionary<string, string> ToParameters() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["hubspot_through_seq"] = HubSpotThrough.ToString(CultureInfo.InvariantCulture),
        ["dynamics_through_seq"] = DynamicsThrough.ToString(CultureInfo.InvariantCulture),
        ["partitions"] = Partitions.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The plan kept with an execution; null for one planned before unify had plans.</summary>
    public static UnifyPlan? FromParameters(IReadOnlyDictionary<string, string> parameters) =>
        parameters.TryGetValue("hubspot_through_seq", out var hubspot) && parameters.TryGetValue("dynamics_through_seq", out var dynamics)
            && parameters.TryGetValue("partitions", out var partitions)
            ? new UnifyPlan(long.Parse(hubspot, CultureInfo.InvariantCulture), long.Parse(dynamics, CultureInfo.InvariantCulture),
                int.Parse(partitions, CultureInfo.InvariantCulture))
            : null;
}
