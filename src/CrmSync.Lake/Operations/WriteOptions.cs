namespace CrmSync.Lake.Operations;

/// <summary>Options for append, overwrite and delete.</summary>
public sealed class WriteOptions
{
    /// <summary>Makes the write idempotent (see <see cref="TransactionId"/>).</summary>
    public TransactionId? Txn { get; init; }

    /// <summary>Extra entries for commitInfo (e.g. the run id), recorded as-is.</summary>
    public IReadOnlyDictionary<string, string>? CommitMetadata { get; init; }
}
