using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace CrmSync.Lake.KeyIndex;

/// <summary>
/// The distinct key hashes of one column of one data file, sorted: an exact set, so a lookup passes a file only when the file
/// holds one of its keys (or a 64-bit hash collision says so). A bloom filter cannot prune for the lookups of the partitioned
/// stages: 50,000 keys pass a file holding none of them nine times in ten even at 32 bits per key. Once the set has answered
/// about one query per <see cref="KeysPerQueryBeforePrefilter"/> keys, it builds a <see cref="SplitBlockBloomFilter"/> from
/// the hashes, which answers most absent keys in one cache line before the binary search. Building costs about what that
/// many binary searches do, so a lookup of a few thousand keys (an incremental run's) never pays for a filter over a
/// million, while the partitioned stages' many lookups get their one-probe answers.
/// </summary>
internal sealed class KeyHashSet
{
    /// <summary>Inserting a key into the filter costs about one cache miss, a binary search over a million hashes about
    /// ten: the filter pays for itself after roughly one query per ten keys.</summary>
    internal const int KeysPerQueryBeforePrefilter = 10;
    private const int MinimumQueriesBeforePrefilter = 64;

    private readonly ulong[] _sorted;
    private readonly int _queriesBeforePrefilter;
    private SplitBlockBloomFilter? _prefilter;
    private int _queries;

    private KeyHashSet(ulong[] sorted)
    {
        _sorted = sorted;
        _queriesBeforePrefilter = Math.Max(MinimumQueriesBeforePrefilter, sorted.Length / KeysPerQueryBeforePrefilter);
    }

    public int Count => _sorted.Length;

    /// <summary>Bytes held in memory: the hashes and the prefilter (counted before it is built).</summary>
    public long ByteCount => (long)_sorted.Length * sizeof(ulong) + SplitBlockBloomFilter.ByteCountFor(_sorted.Length);

    /// <summary>True once the set has built its prefilter.</summary>
    internal bool HasPrefilter => Volatile.Read(ref _prefilter) is not null;

    /// <summary>Bytes <see cref="WriteTo"/> writes.</summary>
    public int SerializedByteCount => _sorted.Length * sizeof(ulong);

    /// <summary>The set of <paramref name="hashes"/> (any order, repeats allowed); the list is sorted in place.</summary>
    public static KeyHashSet Of(List<ulong> hashes)
    {
        hashes.Sort();
        var distinct = new List<ulong>(hashes.Count);
        foreach (var hash in hashes)
        {
            if (distinct.Count == 0 || distinct[^1] != hash)
                distinct.Add(hash);
        }

        return new KeyHashSet([.. distinct]);
    }

    /// <summary>False only when no key of the file has this hash. Safe from several threads at once.</summary>
    public bool MightContain(ulong hash)
    {
        if (Volatile.Read(ref _prefilter) is { } prefilter)
            return prefilter.MightContain(hash) && Array.BinarySearch(_sorted, hash) >= 0;
        // Counted without locking: a lost increment only builds the filter a little later.
        if (++_queries >= _queriesBeforePrefilter)
            BuildPrefilter();
        return Array.BinarySearch(_sorted, hash) >= 0;
    }

    /// <summary>Builds the whole filter before publishing it; two threads may both build one, and either serves.</summary>
    private void BuildPrefilter()
    {
        var prefilter = SplitBlockBloomFilter.ForKeys(_sorted.Length);
        foreach (var hash in _sorted)
            prefilter.Insert(hash);
        Interlocked.CompareExchange(ref _prefilter, prefilter, null);
    }

    /// <summary>The hashes, ascending, little-endian.</summary>
    public void WriteTo(Span<byte> destination)
    {
        for (var i = 0; i < _sorted.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(i * sizeof(ulong))..], _sorted[i]);
    }

    /// <summary>A set from the bytes <see cref="WriteTo"/> wrote; <see cref="FormatException"/> unless they are whole hashes in
    /// strictly ascending order.</summary>
    public static KeyHashSet FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(ulong) != 0)
            throw new FormatException($"a key hash set is a multiple of {sizeof(ulong)} bytes, not {bytes.Length}");
        // One copy of the whole block (a lookup loads every file's set, megabytes at a million rows), then one pass.
        var sorted = MemoryMarshal.Cast<byte, ulong>(bytes).ToArray();
        if (!BitConverter.IsLittleEndian)
            BinaryPrimitives.ReverseEndianness(sorted, sorted);
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] <= sorted[i - 1])
                throw new FormatException("key hashes are not in strictly ascending order");
        }

        return new KeyHashSet(sorted);
    }
}
