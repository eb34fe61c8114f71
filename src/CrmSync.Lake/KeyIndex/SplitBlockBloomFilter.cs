using System.Buffers.Binary;

namespace CrmSync.Lake.KeyIndex;

/// <summary>
/// Parquet's split-block bloom filter (parquet-format BloomFilter.md): blocks of eight 32-bit words; a key's hash picks
/// one block with its upper 32 bits and sets one bit per word with its lower 32 bits. One cache line per probe, no false
/// negatives. The layout and hashing are Parquet's, so the bytes mean the same to any reader of that spec.
/// </summary>
internal sealed class SplitBlockBloomFilter
{
    public const int BytesPerBlock = 32;

    /// <summary>Bits per distinct key. A lookup of k keys passes a file holding none of them with probability about
    /// k × (per-key false positive rate), so the per-key rate must be far below Parquet's usual 1%: at 1% a 200-key
    /// lookup would still read 87% of the files holding none. 32 bits (4 bytes) per key measure about 5 in 100,000 per
    /// key (SplitBlockBloomFilterTests), so 200 keys pass a file holding none ~1% of the time and 2,000 keys ~10%.</summary>
    public const int BitsPerKey = 32;

    private static readonly uint[] Salt = [0x47b6137bU, 0x44974d91U, 0x8824ad5bU, 0xa2b7289dU, 0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U];

    private readonly uint[] _words;

    private SplitBlockBloomFilter(uint[] words) => _words = words;

    public int BlockCount => _words.Length / 8;

    public int ByteCount => _words.Length * sizeof(uint);

    /// <summary>An empty filter sized for <paramref name="distinctKeys"/> keys at <see cref="BitsPerKey"/>.</summary>
    public static SplitBlockBloomFilter ForKeys(long distinctKeys)
    {
        var blocks = Math.Max(1, (distinctKeys * BitsPerKey + (BytesPerBlock * 8) - 1) / (BytesPerBlock * 8));
        return new SplitBlockBloomFilter(new uint[checked((int)blocks * 8)]);
    }

    /// <summary>A filter from its bitset (little-endian words, a whole number of blocks), as <see cref="WriteTo"/> writes it.</summary>
    public static SplitBlockBloomFilter FromBytes(ReadOnlySpan<byte> bitset)
    {
        if (bitset.Length == 0 || bitset.Length % BytesPerBlock != 0)
            throw new FormatException($"a bloom filter bitset is a positive multiple of {BytesPerBlock} bytes, not {bitset.Length}");
        var words = new uint[bitset.Length / sizeof(uint)];
        for (var i = 0; i < words.Length; i++)
            words[i] = BinaryPrimitives.ReadUInt32LittleEndian(bitset[(i * sizeof(uint))..]);
        return new SplitBlockBloomFilter(words);
    }

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

    public void WriteTo(Span<byte> destination)
    {
        for (var i = 0; i < _words.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(i * sizeof(uint))..], _words[i]);
    }

    /// <summary>First word of the block: (upper 32 bits × blocks) >> 32 spreads hashes evenly over any block count.</summary>
    private int BlockOf(ulong hash) => (int)(((hash >> 32) * (ulong)BlockCount) >> 32) * 8;

    private static uint Mask(uint key, int word) => 1U << (int)((key * Salt[word]) >> 27);
}
