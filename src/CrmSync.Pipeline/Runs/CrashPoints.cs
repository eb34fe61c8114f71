namespace CrmSync.Pipeline.Runs;

/// <summary>
/// Named step boundaries where a crash can be injected (CRMSYNC_CRASH_AT=&lt;name&gt;, or a test hook).
/// Each point throws at most once per process, so the rerun that follows passes through it.
/// </summary>
public sealed class CrashPoints
{
    public const string EnvironmentVariable = "CRMSYNC_CRASH_AT";

    public const string IngestAfterRead = "ingest.after-read";
    public const string IngestAfterBronze = "ingest.after-bronze";
    public const string IngestAfterWatermark = "ingest.after-watermark";
    public const string UnifyAfterPartition = "unify.after-partition";
    public const string Scd2AfterChunk = "scd2.after-chunk";
    public const string ComputeAfterChunk = "compute-deltas.after-chunk";
    public const string PushBeforeSend = "push.before-send";
    public const string PushAfterSend = "push.after-send";
    public const string PushAfterStatus = "push.after-status";

    public static IReadOnlyList<string> All { get; } =
        [IngestAfterRead, IngestAfterBronze, IngestAfterWatermark, UnifyAfterPartition, Scd2AfterChunk, ComputeAfterChunk,
            PushBeforeSend, PushAfterSend, PushAfterStatus];

    private readonly HashSet<string> _armed;

    public CrashPoints(IEnumerable<string> armed)
    {
        _armed = new HashSet<string>(armed, StringComparer.Ordinal);
    }

    public static CrashPoints None { get; } = new([]);

    /// <summary>Points armed by CRMSYNC_CRASH_AT (comma-separated).</summary>
    public static CrashPoints FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.TryGetValue(EnvironmentVariable, out var value) && !string.IsNullOrWhiteSpace(value)
            ? new CrashPoints(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : None;
    }

    /// <summary>Throws <see cref="InjectedCrashException"/> when <paramref name="point"/> is armed (then disarms it).</summary>
    public void At(string point)
    {
        lock (_armed)
        {
            if (_armed.Remove(point))
            {
                throw new InjectedCrashException(point);
            }
        }
    }
}
