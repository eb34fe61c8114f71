namespace CrmSync.Lake.Protocol;

/// <summary>The <c>add</c> action: a live data file. <see cref="Path"/> is the URL-encoded path relative to the table root.
/// With a <see cref="DeletionVector"/> the logical file is the data file minus the rows the DV marks deleted.</summary>
public sealed record AddFile(
    string Path,
    IReadOnlyDictionary<string, string?> PartitionValues,
    long Size,
    long ModificationTime,
    bool DataChange,
    string? Stats,
    IReadOnlyDictionary<string, string?>? Tags = null,
    DeletionVectorDescriptor? DeletionVector = null) : DeltaAction
{
    private FileStats? _parsedStats;
    private bool _statsParsed;

    /// <summary>The parsed <see cref="Stats"/>, or null when the file has none (or they cannot be parsed: then no skipping).
    /// Its <c>numRecords</c> counts every row of the data file, including rows a deletion vector deletes.</summary>
    public FileStats? ParsedStats
    {
        get
        {
            if (!_statsParsed)
            {
                _parsedStats = FileStats.TryParse(Stats);
                _statsParsed = true;
            }

            return _parsedStats;
        }
    }

    /// <summary>Rows of the logical file (numRecords minus the DV's cardinality), or null without a row count in the stats.</summary>
    public long? LiveRecords => ParsedStats?.NumRecords - (DeletionVector?.Cardinality ?? 0);

    /// <summary>The decoded relative path of the file in the store (percent-decoding only; '+' stays '+').</summary>
    public string DecodedPath => PathCodec.Decode(Path);

    /// <summary>Log replay key: the same data file with another deletion vector is another logical file.</summary>
    public LogicalFileKey Key => new(DecodedPath, DeletionVector?.UniqueId);

    /// <summary>The tombstone of this logical file (it carries the deletion vector, so replay removes exactly this file).</summary>
    public RemoveFile ToRemove(long deletionTimestamp, bool dataChange = true) =>
        new(Path, deletionTimestamp, dataChange, true, PartitionValues, Size, DeletionVector);
}
