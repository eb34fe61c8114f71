namespace CrmSync.Pipeline.Runs;

/// <summary>How one stage execution ended (the meta.sync_runs row, returned to the CLI).</summary>
public sealed record StageResult(
    string Stage,
    string RunId,
    long Sequence,
    string Status,
    long Read,
    long Created,
    long Updated,
    long Failed,
    long Skipped,
    TimeSpan Duration,
    string? Error,
    DryRunPreview? Preview = null)
{
    /// <summary>Part of <see cref="Duration"/> spent waiting for a source system (ingest), zero for other stages.</summary>
    public TimeSpan SourceWait { get; init; }

    public bool Succeeded => Status is StageStatus.Succeeded or StageStatus.Stopped;

    public long Written => Created + Updated;
}
