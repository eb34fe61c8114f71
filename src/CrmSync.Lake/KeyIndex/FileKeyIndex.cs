namespace CrmSync.Lake.KeyIndex;

/// <summary>The key filters of one data file, by column (names ignoring case, as Spark's). <see cref="None"/>: the file
/// has no usable sidecar (written by another engine, before the index was enabled, or unreadable), so any key might be in it.</summary>
internal sealed class FileKeyIndex
{
    public static readonly FileKeyIndex None = new(new Dictionary<string, SplitBlockBloomFilter>(StringComparer.OrdinalIgnoreCase));

    private readonly IReadOnlyDictionary<string, SplitBlockBloomFilter> _filters;

    public FileKeyIndex(IReadOnlyDictionary<string, SplitBlockBloomFilter> filters)
    {
        _filters = filters;
        ByteCount = filters.Values.Sum(f => (long)f.ByteCount);
    }

    public long ByteCount { get; }

    public IEnumerable<string> Columns => _filters.Keys;

    /// <summary>The column's filter, or null when this file has none for it.</summary>
    public SplitBlockBloomFilter? FilterFor(string column) => _filters.TryGetValue(column, out var filter) ? filter : null;
}
