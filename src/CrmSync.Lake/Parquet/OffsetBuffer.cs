using System.Buffers;
using Apache.Arrow;

namespace CrmSync.Lake.Parquet;

/// <summary>The int32 offsets of a variable-length Arrow array (strings, lists, maps): where each value starts, plus
/// one for the end, so a row group of n values always has n + 1 offsets starting at 0.</summary>
internal sealed class OffsetBuffer
{
    private readonly ValueBuffer<int> _offsets;

    public OffsetBuffer(ArrayPool<byte> pool)
    {
        _offsets = new ValueBuffer<int>(pool);
        _offsets.Append(0);
    }

    /// <summary>The offsets as an Arrow buffer over this storage (see <see cref="ValueBuffer{T}.ToArrowBuffer"/>).</summary>
    public ArrowBuffer ToArrowBuffer() => _offsets.ToArrowBuffer();

    /// <summary>Ends a value at <paramref name="end"/> (the child length, or the byte count, so far).</summary>
    public void Append(int end) => _offsets.Append(end);

    /// <summary>Starts the next row group. Every row group's first offset is 0, so writing it again leaves the buffer
    /// just exported for the previous one as it was.</summary>
    public void Reset()
    {
        _offsets.Clear();
        _offsets.Append(0);
    }

    public void Release() => _offsets.Release();
}
