namespace CrmSync.Pipeline.Runs;

/// <summary>One row of meta.sync_runs: a stage execution, with the parameters needed to replay it.</summary>
public sealed record SyncRunRecord(
    string RunId,
    string Stage,
    long Sequence,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Status,
    IReadOnlyDictionary<string, string> Parameters,
    long RecordsRead,
    long RecordsCreated,
    long RecordsUpdated,
    long RecordsFailed,
    long RecordsSkipped,
    string? Error);
