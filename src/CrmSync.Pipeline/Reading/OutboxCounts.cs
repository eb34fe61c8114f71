namespace CrmSync.Pipeline.Reading;

/// <summary>How many rows of one outbox are in each status and operation.</summary>
public sealed record OutboxCounts(string System, IReadOnlyDictionary<string, long> ByStatus, IReadOnlyDictionary<string, long> PendingByOperation)
{
    public long Count(string status) => ByStatus.GetValueOrDefault(status);
}
