namespace CrmSync.Lake.KeyIndex;

/// <summary>
/// Parquet's split-block bloom filter (parquet-format BloomFilter.md): blocks of eight 32-bit words; a key's hash picks
/// one block with its upper 32 bits and sets one bit per word with its lower 32 bits. One cache line per probe, no false
/// negatives. Built in memory in front of a <see cref="KeyHashSet"/> that is queried often, so most absent keys never reach
/// its binary search.
/// </summary>
internal sealed class SplitBlockBloomFilter
{
    public const int BytesPerBlock = 32;

    /// <summary>Bits per distinct key: about 5 false positives in 100,000 absent keys (SplitBlockBloomFilterTests), each of
    /// which costs the exact set one binary search.</summary>
    public const int BitsPerKey = 32;

    private static readonly uint[] Salt = [0x47b6137bU, 0x44974d91U, 0x8824ad5bU, 0xa2b7289dU, 0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U];

    private readonly uint[] _words;

    private SplitBlockBloomFilter(uint[] words) => _words = words;

    public int BlockCount => _words.Length / 8;

    /// <summary>An empty filter sized for <paramref name="distinctKeys"/> keys at <see cref="BitsPerKey"/>.</summary>
    public static SplitBlockBloomFilter ForKeys(long distinctKeys) =>
        new(new uint[checked((int)BlocksFor(distinctKeys) * 8)]);

    /// <summary>Bytes a filter for <paramref name="distinctKeys"/> keys holds.</summary>
    public static long ByteCountFor(long distinctKeys) => BlocksFor(distinctKeys) * BytesPerBlock;

    private static long BlocksFor(long distinctKeys) => Math.Max(1, (distinctKeys * BitsPerKey + (BytesPerBlock * 8) - 1) / (BytesPerBlock * 8));

    public void Insert(ulong hash)
    {
        var block = BlockOf(hash);
        var key = (uint)hash;
        for (var i = 0; i < 8; i++)
            _words[block + i] |= Mask(key, i);
    }

    /// <summary>False only when no inserted key has this hash.</summary>
    public bool MightContain(ulong hash)
    {
        var block = BlockOf(hash);
        var key = (uint)hash;
        for (var i = 0; i < 8; i++)
        {
            var mask = Mask(key, i);
            if ((_words[block + i] & mask) != mask)
                return false;
        }

        return true;
    }

    /// <summary>First word of the block: (upper 32 bits × blocks) >> 32 spreads hashes evenly over any block count.</summary>
    private int BlockOf(ulong hash) => (int)(((hash >> 32) * (ulong)BlockCount) >> 32) * 8;

    private static uint Mask(uint key, int word) => 1U << (int)((key * Salt[word]) >> 27);
}
