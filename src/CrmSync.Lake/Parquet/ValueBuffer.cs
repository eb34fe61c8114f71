using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// A growable buffer of fixed-width values, kept from one row group to the next so a steady-state append is one bounds
/// check and one store (Arrow's builders start again from a few items every row group). The storage is a byte array
/// from the write's pool, handed to Arrow as it is (<see cref="ToArrowBuffer"/>), and it goes back to the pool on
/// <see cref="Release"/>, so the next file's columns reuse memory already touched instead of faulting in new pages.
/// </summary>
internal sealed class ValueBuffer<T>(ArrayPool<byte> pool)
    where T : unmanaged
{
    private const int MinimumCapacity = 256;
    private static readonly int Size = Unsafe.SizeOf<T>();
    private byte[] _bytes = [];
    private int _capacity;

    public int Count { get; private set; }

    /// <summary>The last value written (there must be one).</summary>
    public ref T Last => ref MemoryMarshal.Cast<byte, T>(_bytes.AsSpan(0, Count * Size))[Count - 1];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
    {
        var count = Count;
        if ((uint)count >= (uint)_capacity)
            Grow(count + 1);
        Unsafe.Add(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(_bytes)), count) = value;
        Count = count + 1;
    }

    /// <summary>Room for at least <paramref name="length"/> more values after the written ones; <see cref="Advance"/> says how many were used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> FreeSpace(int length)
    {
        if (_capacity - Count < length)
            Grow(Count + length);
        return MemoryMarshal.Cast<byte, T>(_bytes.AsSpan(Count * Size, (_capacity - Count) * Size));
    }

    public void Advance(int written) => Count += written;

    /// <summary>The written values as an Arrow buffer over this storage, not a copy: valid until the next write,
    /// <see cref="Clear"/> or <see cref="Release"/>.</summary>
    public ArrowBuffer ToArrowBuffer() =>
        Count == 0 ? ArrowBuffer.Empty : new ArrowBuffer(new ReadOnlyMemory<byte>(_bytes, 0, Count * Size));

    public void Clear() => Count = 0;

    /// <summary>Returns the storage to the pool; the buffer is empty and can be used again.</summary>
    public void Release()
    {
        if (_bytes.Length > 0)
            pool.Return(_bytes);
        _bytes = [];
        _capacity = 0;
        Count = 0;
    }

    private void Grow(int required)
    {
        var capacity = Math.Max(required, Math.Max(MinimumCapacity, (int)Math.Min(System.Array.MaxLength / Size, 2L * _capacity)));
        var bigger = pool.Rent(checked(capacity * Size));
        _bytes.AsSpan(0, Count * Size).CopyTo(bigger);
        if (_bytes.Length > 0)
            pool.Return(_bytes);
        _bytes = bigger;
        _capacity = bigger.Length / Size;
    }
}
