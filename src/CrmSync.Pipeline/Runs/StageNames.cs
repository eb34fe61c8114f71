namespace CrmSync.Pipeline.Runs;

/// <summary>The stage verbs in execution order (meta.sync_runs.stage accepts exactly these).</summary>
public static class StageNames
{
    public const string Setup = "setup";
    public const string IngestHubSpot = "ingest-hubspot";
    public const string IngestDynamics = "ingest-dynamics";
    public const string Unify = "unify";
    public const string Scd2 = "scd2";
    public const string ComputeDeltas = "compute-deltas";
    public const string PushHubSpot = "push-hubspot";
    public const string PushDynamics = "push-dynamics";
    public const string Optimize = "optimize";

    public static IReadOnlyList<string> InOrder { get; } =
        [Setup, IngestHubSpot, IngestDynamics, Unify, Scd2, ComputeDeltas, PushHubSpot, PushDynamics, Optimize];
}
