using System.IO.Hashing;
using System.Numerics;
using System.Text;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// A set of strings held as UTF-8 in three arrays (the bytes back to back, where each key starts, an open-addressed
/// table of key numbers) and probed with spans of Parquet's bytes. Lookups and merges build one per scan with up to
/// tens of thousands of keys: an array per key would be as many objects for the collector to trace and copy.
/// </summary>
internal sealed class Utf8KeySet
{
    private const int Empty = -1;

    private readonly byte[] _bytes;
    private readonly int[] _starts;
    private readonly int[] _slots;

    public Utf8KeySet(IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var total = 0;
        foreach (var key in keys)
        {
            total += Encoding.UTF8.GetByteCount(key);
        }

        _bytes = new byte[total];
        _starts = new int[keys.Count + 1];
        _slots = new int[Math.Max(4, (int)BitOperations.RoundUpToPowerOf2((uint)keys.Count * 2))];
        Array.Fill(_slots, Empty);
        var written = 0;
        foreach (var key in keys)
        {
            var length = Encoding.UTF8.GetBytes(key, _bytes.AsSpan(_starts[Count]));
            var slot = FindSlot(_bytes.AsSpan(_starts[Count], length));
            if (_slots[slot] == Empty)
            {
                // A repeated key is written once: its bytes are overwritten by the next key's.
                _slots[slot] = Count;
                Count++;
                written += length;
                _starts[Count] = written;
            }
        }
    }

    public int Count { get; }

    /// <summary>The UTF-8 bytes of the <paramref name="index"/>th distinct key.</summary>
    public ReadOnlySpan<byte> KeyAt(int index) => _bytes.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    public bool Contains(ReadOnlySpan<byte> key) => _slots[FindSlot(key)] != Empty;

    /// <summary>The slot holding <paramref name="key"/>, else the empty slot where it would go (linear probing; the table
    /// is at most half full).</summary>
    private int FindSlot(ReadOnlySpan<byte> key)
    {
        var mask = _slots.Length - 1;
        var slot = (int)XxHash3.HashToUInt64(key) & mask;
        while (_slots[slot] is var index && index != Empty && !KeyAt(index).SequenceEqual(key))
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }
}
