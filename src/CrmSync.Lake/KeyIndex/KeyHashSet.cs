using System.Buffers.Binary;

namespace CrmSync.Lake.KeyIndex;

/// <summary>
/// The distinct key hashes of one column of one data file, sorted: an exact set, so a lookup passes a file only when the file
/// holds one of its keys (or a 64-bit hash collision says so). A bloom filter cannot prune for the lookups of the partitioned
/// stages: 50,000 keys pass a file holding none of them nine times in ten even at 32 bits per key. Kept in memory beside a
/// <see cref="SplitBlockBloomFilter"/> built from the hashes, which answers most absent keys in one cache line before the
/// binary search.
/// </summary>
internal sealed class KeyHashSet
{
    private readonly ulong[] _sorted;
    private readonly SplitBlockBloomFilter _prefilter;

    private KeyHashSet(ulong[] sorted)
    {
        _sorted = sorted;
        _prefilter = SplitBlockBloomFilter.ForKeys(sorted.Length);
        foreach (var hash in sorted)
            _prefilter.Insert(hash);
    }

    public int Count => _sorted.Length;

    /// <summary>Bytes held in memory: the hashes and the prefilter.</summary>
    public long ByteCount => (long)_sorted.Length * sizeof(ulong) + _prefilter.ByteCount;

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

    /// <summary>False only when no key of the file has this hash.</summary>
    public bool MightContain(ulong hash) => _prefilter.MightContain(hash) && Array.BinarySearch(_sorted, hash) >= 0;

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
        var sorted = new ulong[bytes.Length / sizeof(ulong)];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * sizeof(ulong))..]);
            if (i > 0 && sorted[i] <= sorted[i - 1])
                throw new FormatException("key hashes are not in strictly ascending order");
        }

        return new KeyHashSet(sorted);
    }
}
