using CrmSync.Lake.Operations;

namespace CrmSync.Pipeline.Runs;

/// <summary>
/// One stage execution: its identity (run id, per-stage sequence), the parameters it was planned
/// with (kept in meta.sync_runs so a resumed execution replays the same work), and its counters.
/// </summary>
public sealed class StageContext(
    string stage, string runId, long sequence, DateTimeOffset startedAt, bool isResumed, StageOptions options, IReadOnlyDictionary<string, string> parameters)
{
    /// <summary>Txn versions of one execution: sequence * this + part, so parts of one execution stay below the next one's.</summary>
    public const long PartsPerSequence = 1_000_000;

    public string Stage { get; } = stage;

    public string RunId { get; } = runId;

    public long Sequence { get; } = sequence;

    /// <summary>When the execution first started (kept on resume, so times derived from it replay identically).</summary>
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>True when this continues an execution that died while RUNNING.</summary>
    public bool IsResumed { get; } = isResumed;

    public StageOptions Options { get; } = options;

    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;

    public StageCounts Counts { get; } = new();

    /// <summary>Set by a --dry-run: what would have been sent.</summary>
    public DryRunPreview? Preview { get; set; }

    /// <summary>Time spent waiting for a source system (ingest's reads), so its own work can be told apart.</summary>
    public TimeSpan SourceWait { get; set; }

    /// <summary>Set when the stage ended early on purpose (status STOPPED), saying why.</summary>
    public string? StopReason { get; set; }

    /// <summary>The Delta txn for this execution's write <paramref name="part"/> to <paramref name="table"/> (appId "stage:table").</summary>
    public TransactionId Txn(string table, long part = 0) => new($"{Stage}:{table}", Sequence * PartsPerSequence + part);

    /// <summary>The first part number not yet committed by this execution, given the table's last txn version for the appId.</summary>
    public long NextPart(long? committedVersion) =>
        committedVersion is { } v && v >= Sequence * PartsPerSequence ? v - Sequence * PartsPerSequence + 1 : 0;
}
