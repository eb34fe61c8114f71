using System.CommandLine;
using System.Diagnostics.CodeAnalysis;

namespace CrmSync.Cli.Commands;

/// <summary>
/// A pipeline stage verb (setup, ingest-hubspot, ..., push-dynamics). Stage verbs are added to the
/// root in execution order and declare the stages they depend on, so the command tree is the one
/// authoritative stage graph: `run`, the Databricks job (jobs/crm_sync_job.json) and its tests all
/// read it from here.
/// </summary>
[SuppressMessage("Design", "CA1010", Justification = "Command's IEnumerable is only for collection initializers.")]
public sealed class StageCommand(string name, string description, IReadOnlyList<string> dependsOn)
    : Command(name, description)
{
    public IReadOnlyList<string> DependsOn { get; } = dependsOn;
}
