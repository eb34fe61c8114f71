namespace CrmSync.Lake.Protocol;

/// <summary>The <c>txn</c> action: the latest application version committed by <see cref="AppId"/> (idempotent writes).</summary>
public sealed record TransactionAction(string AppId, long Version, long? LastUpdated) : DeltaAction;
