using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// Decodes UTF-8 values to strings, handing back the same instance for equal bytes seen recently, through a small
/// direct-mapped table keyed by a cheap hash of the bytes with a second chance for values read again: runs of one run
/// id, map keys, low-cardinality columns. Decoding a column of 65,536 rows otherwise allocates a string per row, most of
/// them equal to one already made; a unique value costs one hash and one slot check more. Meant to live for
/// one column of one batch: bounded, not thread-safe, and never an interning of every value read.
/// </summary>
internal sealed class Utf8StringCache
{
    /// <summary>Longer values that are not ASCII are never shared: decoding them on the stack to compare is not worth it.</summary>
    internal const int MaxNonAsciiCompareBytes = 64;

    private const int MaxSlots = 256;

    private readonly Entry[] _slots;

    /// <param name="expectedValues">About how many values will be decoded: a few need no full table.</param>
    public Utf8StringCache(int expectedValues)
    {
        _slots = new Entry[(int)Math.Min(MaxSlots, BitOperations.RoundUpToPowerOf2((uint)Math.Max(expectedValues, 16)))];
    }

    /// <summary>The string of <paramref name="utf8"/>, as <see cref="Encoding.UTF8"/> decodes it.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
            return string.Empty;

        var hash = Hash(utf8);
        ref var slot = ref _slots[hash & (uint)(_slots.Length - 1)];
        if (slot.Hash == hash && Holds(slot, utf8))
        {
            if (!slot.ReadAgain)
                slot = slot with { ReadAgain = true };
            return slot.Value!;
        }

        var value = Encoding.UTF8.GetString(utf8);
        // A second chance: a value read again keeps its slot past one miss, so a stream of unique values (emails beside
        // a country) does not keep evicting the values that repeat.
        slot = slot.ReadAgain ? slot with { ReadAgain = false } : new Entry(value, utf8.Length, hash, ReadAgain: false);
        return value;
    }

    /// <summary>Whether <paramref name="entry"/> is the string of <paramref name="utf8"/>. Equal UTF-8 and UTF-16 lengths
    /// mean ASCII (compared directly); otherwise a short value is decoded on the stack and compared.</summary>
    private static bool Holds(in Entry entry, ReadOnlySpan<byte> utf8)
    {
        if (entry.Utf8Length != utf8.Length || entry.Value is not { } value)
            return false;
        if (value.Length == utf8.Length)
            return Ascii.Equals(utf8, value);
        if (utf8.Length > MaxNonAsciiCompareBytes)
            return false;
        Span<char> chars = stackalloc char[MaxNonAsciiCompareBytes];
        var written = Encoding.UTF8.GetChars(utf8, chars);
        return chars[..written].SequenceEqual(value);
    }

    /// <summary>A cheap hash of the length and the first, middle and last 8 bytes (all of a shorter value).</summary>
    internal static uint Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15UL;
        var hash = (ulong)utf8.Length * Multiplier;
        if (utf8.Length >= 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * Multiplier;
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[((utf8.Length - 8) / 2)..])) * Multiplier;
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..])) * Multiplier;
        }
        else
        {
            foreach (var b in utf8)
                hash = (hash << 8) | b;
            hash *= Multiplier;
        }

        return (uint)(hash >> 32);
    }

    /// <summary>A decoded value with the length and hash of its UTF-8 bytes, and whether it was read again since it
    /// entered its slot or last kept it.</summary>
    private readonly record struct Entry(string? Value, int Utf8Length, uint Hash, bool ReadAgain);
}
