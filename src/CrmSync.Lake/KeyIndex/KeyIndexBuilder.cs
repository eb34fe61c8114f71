using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.KeyIndex;

/// <summary>Collects the key hashes of one data file's indexed columns while its rows are written, and builds their sets
/// when the file is closed.</summary>
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
        var sets = new Dictionary<string, KeyHashSet>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < _hashes.Length; c++)
            sets[columns[c].Name] = KeyHashSet.Of(_hashes[c]);
        return new FileKeyIndex(sets);
    }
}
