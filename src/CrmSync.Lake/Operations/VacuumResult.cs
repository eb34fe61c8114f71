namespace CrmSync.Lake.Operations;

/// <summary>Files vacuum deleted (or, for a dry run, would delete), as keys relative to the table root.</summary>
public sealed record VacuumResult(bool DryRun, IReadOnlyList<string> Files, long Bytes);
