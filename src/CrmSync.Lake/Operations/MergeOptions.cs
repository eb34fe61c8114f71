using CrmSync.Lake.Expressions;

namespace CrmSync.Lake.Operations;

/// <summary>What a merge (upsert by key columns) does with matched and unmatched source rows.</summary>
public sealed class MergeOptions
{
    /// <summary>WHEN MATCHED THEN UPDATE: the target row is replaced by the source row (default true).</summary>
    public bool UpdateMatched { get; init; } = true;

    /// <summary>WHEN NOT MATCHED THEN INSERT (default true).</summary>
    public bool InsertNotMatched { get; init; } = true;

    /// <summary>WHEN MATCHED AND &lt;condition on the source row&gt; THEN DELETE. Source rows meeting it are never inserted.</summary>
    public Expr? DeleteMatchedWhen { get; init; }

    /// <summary>Makes the merge idempotent (see <see cref="TransactionId"/>).</summary>
    public TransactionId? Txn { get; init; }

    /// <summary>Extra commitInfo entries, recorded as userMetadata.</summary>
    public IReadOnlyDictionary<string, string>? CommitMetadata { get; init; }
}
