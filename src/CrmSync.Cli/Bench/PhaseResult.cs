namespace CrmSync.Cli.Bench;

/// <summary>What one phase measured. Merge phases also say how many files held the merged keys
/// (found by reading the data, not the stats), how many the merge rewrote and how many it kept in
/// place with a new deletion vector (tables with deletion vectors enabled). Key index phases say how many data files
/// were opened. CPU seconds (all
/// threads) are reported beside wall time because a shared machine inflates wall time unevenly.</summary>
public sealed record PhaseResult(
    BenchPhase Phase,
    long Rows,
    double Seconds,
    double CpuSeconds,
    long PeakWorkingSetBytes,
    long AllocatedBytes,
    int Files,
    long Bytes,
    int? FilesRewritten = null,
    int? FilesHoldingKeys = null,
    int? FilesWithNewDeletionVector = null,
    int? FilesRead = null)
{
    public double RowsPerSecond => Seconds > 0 ? Rows / Seconds : 0;
}
