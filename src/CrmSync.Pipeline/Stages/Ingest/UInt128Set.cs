using System.Numerics;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>
/// A set of 128-bit hashes in one open-addressed array (linear probing, at most half full). Ingest checks every record
/// the lookback re-reads against two such sets, about a million at 1M contacts: here a check is one probe into one
/// array, where a <see cref="HashSet{T}"/> reads its bucket array and then its entry array, and grows by rehashing.
/// No removal: ingest only adds.
/// </summary>
internal sealed class UInt128Set
{
    private const int MinimumCapacity = 16;

    /// <summary>Zero marks an empty slot; the value zero itself is held by <see cref="_hasZero"/>.</summary>
    private UInt128[] _slots;
    private int _filled;
    private bool _hasZero;

    public UInt128Set(int capacity = 0)
    {
        _slots = [];
        Resize(SlotsFor(capacity));
    }

    public int Count => _filled + (_hasZero ? 1 : 0);

    /// <summary>Sizes the set for <paramref name="capacity"/> values at once, so adding them never rehashes.</summary>
    public void EnsureCapacity(int capacity)
    {
        var slots = SlotsFor(capacity);
        if (slots > _slots.Length)
        {
            Resize(slots);
        }
    }

    /// <returns>False when the set already held <paramref name="value"/>.</returns>
    public bool Add(UInt128 value)
    {
        if (value == UInt128.Zero)
        {
            var added = !_hasZero;
            _hasZero = true;
            return added;
        }

        if ((_filled + 1) * 2 > _slots.Length)
        {
            Resize(_slots.Length * 2);
        }

        var i = Find(value);
        if (_slots[i] == value)
        {
            return false;
        }

        _slots[i] = value;
        _filled++;
        return true;
    }

    public bool Contains(UInt128 value)
    {
        if (value == UInt128.Zero)
        {
            return _hasZero;
        }

        return _slots[Find(value)] == value;
    }

    /// <summary>The slot holding <paramref name="value"/> (not zero), or the empty slot where it belongs.</summary>
    private int Find(UInt128 value)
    {
        var mask = _slots.Length - 1;
        var i = SlotOf(value, _slots.Length);
        while (_slots[i] != value && _slots[i] != UInt128.Zero)
        {
            i = (i + 1) & mask;
        }

        return i;
    }

    /// <summary>Fibonacci hashing of both halves: the values are hashes already, but one built by XOR (a version
    /// fingerprint) need not be uniform in its low bits alone. <paramref name="slots"/> is a power of two.
    /// Internal so tests can pick values whose probe wraps past the array's end.</summary>
    internal static int SlotOf(UInt128 value, int slots) =>
        (int)((((ulong)value) ^ (ulong)(value >> 64)) * 0x9E3779B97F4A7C15UL >> (64 - BitOperations.Log2((uint)slots)));

    /// <summary>A power of two at least twice <paramref name="capacity"/>: the array stays at most half full.</summary>
    private static int SlotsFor(int capacity) =>
        (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinimumCapacity, Math.Min(capacity, int.MaxValue / 4) * 2));

    private void Resize(int slots)
    {
        var old = _slots;
        _slots = new UInt128[slots];
        foreach (var value in old)
        {
            if (value != UInt128.Zero)
            {
                _slots[Find(value)] = value;
            }
        }
    }
}
