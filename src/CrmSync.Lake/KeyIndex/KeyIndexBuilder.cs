using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.KeyIndex;

/// <summary>Collects the key hashes of one data file's indexed columns while its rows are written, and builds the filters
/// when the file is closed, sized for the distinct keys it really holds.</summary>
internal sealed class KeyIndexBuilder(IReadOnlyList<StructField> columns)
{
    private readonly List<ulong>[] _hashes = columns.Select(_ => new List<ulong>()).ToArray();

    /// <summary>Adds a row's keys: indexed column c is at row ordinal <paramref name="ordinals"/>[c] (-1: absent). Nulls
    /// are not keys (no IN or equality matches them).</summary>
    public void Add(object?[] values, int[] ordinals)
    {
        for (var c = 0; c < _hashes.Length; c++)
        {
            if (ordinals[c] >= 0 && values[ordinals[c]] is { } value)
                _hashes[c].Add(KeyHasher.Hash(value, columns[c].Type));
        }
    }

    public FileKeyIndex Build()
    {
        var filters = new Dictionary<string, SplitBlockBloomFilter>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < _hashes.Length; c++)
        {
            var hashes = _hashes[c];
            hashes.Sort();
            var distinct = 0;
            for (var i = 0; i < hashes.Count; i++)
            {
                if (i == 0 || hashes[i] != hashes[i - 1])
                    distinct++;
            }

            var filter = SplitBlockBloomFilter.ForKeys(distinct);
            foreach (var hash in hashes)
                filter.Insert(hash);
            filters[columns[c].Name] = filter;
        }

        return new FileKeyIndex(filters);
    }
}
