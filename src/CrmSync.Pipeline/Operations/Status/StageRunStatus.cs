namespace CrmSync.Pipeline.Operations.Status;

/// <summary>The latest execution of one stage (meta.sync_runs), or only its name when it never ran.</summary>
public sealed record StageRunStatus(
    string Stage,
    string? RunId,
    string? Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long Read,
    long Created,
    long Updated,
    long Failed,
    long Skipped,
    string? Error)
{
    /// <summary>Wall time of the execution; null while running or never run.</summary>
    public TimeSpan? Duration => EndedAt - StartedAt;
}
