namespace CrmSync.Pipeline.Runs;

/// <summary>The counters a stage reports (meta.sync_runs records_*). Thread-safe increments.</summary>
public sealed class StageCounts
{
    private long _read;
    private long _created;
    private long _updated;
    private long _failed;
    private long _skipped;

    public long Read => Interlocked.Read(ref _read);

    public long Created => Interlocked.Read(ref _created);

    public long Updated => Interlocked.Read(ref _updated);

    public long Failed => Interlocked.Read(ref _failed);

    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Created plus updated: what the log line calls written.</summary>
    public long Written => Created + Updated;

    public void AddRead(long n) => Interlocked.Add(ref _read, n);

    public void AddCreated(long n) => Interlocked.Add(ref _created, n);

    public void AddUpdated(long n) => Interlocked.Add(ref _updated, n);

    public void AddFailed(long n) => Interlocked.Add(ref _failed, n);

    public void AddSkipped(long n) => Interlocked.Add(ref _skipped, n);
}
