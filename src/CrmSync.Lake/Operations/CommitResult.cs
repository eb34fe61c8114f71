namespace CrmSync.Lake.Operations;

/// <summary>The outcome of a write: the version committed, or <see cref="AlreadyCommitted"/> when the txn version was
/// already applied (nothing written; <see cref="Version"/> is then the table version observed).</summary>
public sealed record CommitResult(long Version, bool AlreadyCommitted, string Operation, IReadOnlyDictionary<string, long> Metrics)
{
    public long Metric(string name) => Metrics.TryGetValue(name, out var v) ? v : 0;
}
