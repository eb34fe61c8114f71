namespace CrmSync.Lake.Protocol;

/// <summary>The <c>add</c> action: a live data file. <see cref="Path"/> is the URL-encoded path relative to the table root.</summary>
public sealed record AddFile(
    string Path,
    IReadOnlyDictionary<string, string?> PartitionValues,
    long Size,
    long ModificationTime,
    bool DataChange,
    string? Stats,
    IReadOnlyDictionary<string, string?>? Tags = null) : DeltaAction
{
    private FileStats? _parsedStats;
    private bool _statsParsed;

    /// <summary>The parsed <see cref="Stats"/>, or null when the file has none (or they cannot be parsed: then no skipping).</summary>
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

    /// <summary>The decoded relative path of the file in the store (percent-decoding only; '+' stays '+').</summary>
    public string DecodedPath => PathCodec.Decode(Path);

    public RemoveFile ToRemove(long deletionTimestamp, bool dataChange = true) =>
        new(Path, deletionTimestamp, dataChange, true, PartitionValues, Size);
}
