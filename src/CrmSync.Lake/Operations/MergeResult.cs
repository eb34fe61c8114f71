namespace CrmSync.Lake.Operations;

/// <summary>What a merge changed. <see cref="FilesRewritten"/> counts target files removed (copy-on-write rewrites them;
/// with deletion vectors only files whose every row was replaced are removed); <see cref="FilesWithNewDeletionVector"/>
/// those kept in place with a new deletion vector; <see cref="FilesSkipped"/> those left untouched (pruned by
/// stats/partitions or holding no key to change).</summary>
public sealed record MergeResult(
    CommitResult Commit,
    long RowsInserted,
    long RowsUpdated,
    long RowsDeleted,
    long RowsCopied,
    int FilesRewritten,
    int FilesSkipped,
    int FilesWithNewDeletionVector = 0)
{
    public long Version => Commit.Version;

    public bool AlreadyCommitted => Commit.AlreadyCommitted;
}
