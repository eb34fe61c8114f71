using CrmSync.Pipeline.Operations;
using CrmSync.Pipeline.Operations.Convergence;
using CrmSync.Pipeline.Reading;

namespace CrmSync.Cli.Demo;

/// <summary>Everything the demo summary prints.</summary>
internal sealed record DemoResult(
    DemoOptions Options,
    IReadOnlyList<DemoRound> Rounds,
    DemoEdits Edits,
    IReadOnlyList<TableRowCount> Tables,
    IReadOnlyList<DeadLetter> OpenDeadLetters,
    long OpenFieldConflicts,
    ConvergenceReport Convergence,
    int HubSpotContacts,
    int DynamicsContacts,
    TimeSpan Elapsed);
