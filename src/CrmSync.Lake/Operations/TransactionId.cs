namespace CrmSync.Lake.Operations;

/// <summary>An application transaction (Delta <c>txn</c>): a write tagged (AppId, Version) is applied at most once;
/// re-running it when the table already has Version (or later) for AppId is a no-op.</summary>
public sealed record TransactionId(string AppId, long Version);
