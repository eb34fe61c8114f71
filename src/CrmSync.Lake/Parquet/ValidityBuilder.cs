using System.Buffers;
using Apache.Arrow;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// The validity (null) bitmap of an Arrow array under construction. No bit is written until the first null of a row
/// group: a column without nulls, the common case, costs a counter per value and exports no bitmap at all.
/// </summary>
internal sealed class ValidityBuilder(ArrayPool<byte> pool)
{
    private readonly BitBuffer _bits = new(pool);
    private int _length;

    public int NullCount { get; private set; }

    public void AppendValid()
    {
        if (NullCount != 0)
            _bits.Append(true);
        _length++;
    }

    public void AppendNull()
    {
        if (NullCount == 0)
            _bits.AppendSet(_length);
        _bits.Append(false);
        NullCount++;
        _length++;
    }

    public void Release()
    {
        _bits.Release();
        _length = 0;
        NullCount = 0;
    }

    /// <summary>The bitmap (empty when every value is valid) and null count of the row group; starts the next one.</summary>
    public (ArrowBuffer Buffer, int NullCount) Flush()
    {
        var result = (NullCount == 0 ? ArrowBuffer.Empty : _bits.ToArrowBuffer(), NullCount);
        _bits.Clear();
        _length = 0;
        NullCount = 0;
        return result;
    }
}
