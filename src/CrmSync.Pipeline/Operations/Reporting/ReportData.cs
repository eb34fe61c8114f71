using CrmSync.Pipeline.Operations.Status;

namespace CrmSync.Pipeline.Operations.Reporting;

/// <summary>Everything `crmsync report` draws: run history (oldest first) and the lake's current status.</summary>
public sealed record ReportData(DateTimeOffset GeneratedAt, IReadOnlyList<RunSummary> Runs, LakeStatus Status, long ExcludedDuplicates);
