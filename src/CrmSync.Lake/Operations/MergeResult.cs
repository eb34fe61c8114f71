namespace CrmSync.Lake.Operations;

/// <summary>What a merge changed. <see cref="FilesRewritten"/> counts target files removed and rewritten;
/// <see cref="FilesSkipped"/> those left untouched (pruned by stats/partitions or holding no matching key).</summary>
public sealed record MergeResult(
    CommitResult Commit,
    long RowsInserted,
    long RowsUpdated,
    long RowsDeleted,
    long RowsCopied,
    int FilesRewritten,
    int FilesSkipped)
{
    public long Version => Commit.Version;

    public bool AlreadyCommitted => Commit.AlreadyCommitted;
}
