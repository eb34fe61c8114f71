using CrmSync.Pipeline.Runs;

namespace CrmSync.Cli.Demo;

/// <summary>One `crmsync run` of the demo: every stage's outcome and the wall time.</summary>
internal sealed record DemoRound(string Name, IReadOnlyList<StageResult> Stages, TimeSpan Elapsed)
{
    public StageResult Stage(string name) => Stages.Single(s => s.Stage == name);
}
