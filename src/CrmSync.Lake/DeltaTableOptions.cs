namespace CrmSync.Lake;

/// <summary>Engine settings for a <see cref="DeltaTable"/> handle (not stored in the table).</summary>
public sealed class DeltaTableOptions
{
    /// <summary>Clock for commit timestamps, tombstones and vacuum (tests pass a fake one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>A data file is closed and a new one started after this many rows.</summary>
    public int MaxRowsPerFile { get; init; } = 250_000;

    /// <summary>Rows buffered per Parquet row group (bounds writer memory; also the scan batch size).</summary>
    public int RowGroupRows { get; init; } = 65_536;

    /// <summary>Codec of the data files written, except their key-indexed string columns, which are written uncompressed
    /// (checkpoints keep Snappy, which every reader knows).</summary>
    public DataFileCompression Compression { get; init; } = DataFileCompression.Zstd;

    /// <summary>How often a losing commit re-reads the winners and retries before giving up.</summary>
    public int MaxCommitRetries { get; init; } = 20;

    /// <summary>Write checkpoints automatically every <c>delta.checkpointInterval</c> commits.</summary>
    public bool AutoCheckpoint { get; init; } = true;

    /// <summary>Fault-injection and test hook: runs after the data files are written, just before each attempt to write
    /// commit <c>version</c>. Throwing here simulates a crash between data files and commit.</summary>
    public Func<long, CancellationToken, Task>? BeforeCommit { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRowsPerFile, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(RowGroupRows, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxCommitRetries);
        if (!Enum.IsDefined(Compression))
            throw new ArgumentOutOfRangeException(nameof(Compression), Compression, "not a known data file codec");
    }
}
