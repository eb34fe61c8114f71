using System.Buffers;
using System.Runtime.CompilerServices;
using Apache.Arrow;

namespace CrmSync.Lake.Parquet;

/// <summary>A growable bitmap appended one bit at a time (LSB first, Arrow's order), reused across row groups.</summary>
internal sealed class BitBuffer(ArrayPool<byte> pool)
{
    private readonly ValueBuffer<byte> _bytes = new(pool);

    public int Count { get; private set; }

    /// <summary>The bits as an Arrow buffer over this storage (see <see cref="ValueBuffer{T}.ToArrowBuffer"/>).</summary>
    public ArrowBuffer ToArrowBuffer() => _bytes.ToArrowBuffer();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(bool bit)
    {
        var index = Count;
        var mask = (byte)(bit ? 1 << (index & 7) : 0);
        if ((index & 7) == 0)
            _bytes.Append(mask);
        else
            _bytes.Last |= mask;
        Count = index + 1;
    }

    /// <summary>Appends <paramref name="count"/> set bits.</summary>
    public void AppendSet(int count)
    {
        for (; count > 0 && (Count & 7) != 0; count--)
            Append(true);
        var wholeBytes = count >> 3;
        _bytes.FreeSpace(wholeBytes)[..wholeBytes].Fill(0xFF);
        _bytes.Advance(wholeBytes);
        Count += wholeBytes << 3;
        for (count &= 7; count > 0; count--)
            Append(true);
    }

    public void Clear()
    {
        _bytes.Clear();
        Count = 0;
    }

    public void Release()
    {
        _bytes.Release();
        Count = 0;
    }
}
