namespace CrmSync.Lake.Operations;

/// <summary>What OPTIMIZE did. <see cref="Commit"/> is <c>AlreadyCommitted</c> (nothing written, version unchanged) when no
/// partition had anything to compact. <see cref="FilesBefore"/> and <see cref="FilesAfter"/> count the live files of the
/// whole table at the version optimized and after the commit (concurrent appends aside).</summary>
public sealed record OptimizeResult(
    CommitResult Commit,
    int FilesBefore,
    int FilesAfter,
    long BytesBefore,
    long BytesAfter,
    int FilesRemoved,
    int FilesAdded,
    long BytesRemoved,
    long BytesAdded,
    int PartitionsOptimized,
    long RowsWritten,
    long DeletedRowsDropped)
{
    /// <summary>True when a commit was written.</summary>
    public bool Committed => !Commit.AlreadyCommitted;
}
