namespace CrmSync.Lake.KeyIndex;

/// <summary>The key hash sets of one data file, by column (names ignoring case, as Spark's). <see cref="None"/>: the file
/// has no usable sidecar (written by another engine, before the index was enabled, or unreadable), so any key might be in it.</summary>
internal sealed class FileKeyIndex
{
    public static readonly FileKeyIndex None = new(new Dictionary<string, KeyHashSet>(StringComparer.OrdinalIgnoreCase));

    private readonly IReadOnlyDictionary<string, KeyHashSet> _sets;

    public FileKeyIndex(IReadOnlyDictionary<string, KeyHashSet> sets)
    {
        _sets = sets;
        ByteCount = sets.Values.Sum(s => s.ByteCount);
    }

    public long ByteCount { get; }

    public IEnumerable<string> Columns => _sets.Keys;

    /// <summary>The column's key hashes, or null when this file has none for it.</summary>
    public KeyHashSet? KeysFor(string column) => _sets.TryGetValue(column, out var keys) ? keys : null;
}
