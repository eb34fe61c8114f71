using System.CommandLine;

namespace CrmSync.Cli.Commands;

/// <summary>
/// The pipeline stage verbs, in execution order, with the stages each depends on. This list is the
/// authoritative stage graph: the Databricks job (jobs/crm_sync_job.json) is tested against it.
/// To wire a stage, give its <see cref="StageCommand"/> an action that calls the pipeline; until
/// then it fails with exit code 1 saying so, so a scheduled job can never silently do nothing.
/// </summary>
public static class StageCommands
{
    public static IEnumerable<StageCommand> Create() =>
    [
        Stage("setup", "Create or upgrade every Delta table of the lake (idempotent).", []),
        Stage("ingest-hubspot", "Read changed HubSpot contacts since the watermark into bronze.", ["setup"]),
        Stage("ingest-dynamics", "Read changed Dynamics 365 contacts since the delta link into bronze.", ["setup"]),
        Stage("unify", "Snapshot both sources, link records into people and resolve field winners (silver).", ["ingest-hubspot", "ingest-dynamics"]),
        Stage("scd2", "Record a new history version for every person whose unified fields changed.", ["unify"]),
        Stage("compute-deltas", "Write the field-level changes each CRM needs into its gold outbox.", ["scd2"]),
        Stage("push-hubspot", "Push pending HubSpot outbox rows (batched, idempotent, retried).", ["compute-deltas"]),
        Stage("push-dynamics", "Push pending Dynamics 365 outbox rows (batched, idempotent, retried).", ["compute-deltas"]),
    ];

    private static StageCommand Stage(string name, string description, IReadOnlyList<string> dependsOn)
    {
        var stage = new StageCommand(name, description, dependsOn);
        stage.SetAction(int (_) => throw new NotSupportedException(
            $"stage '{name}' is declared but not yet wired to CrmSync.Pipeline in this build"));
        return stage;
    }
}
