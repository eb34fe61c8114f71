using Apache.Arrow;

namespace CrmSync.Lake.Parquet;

/// <summary>The null bitmap of a nested Arrow array under construction.</summary>
internal sealed class ValidityBuilder
{
    private ArrowBuffer.BitmapBuilder _bits = new();

    public int NullCount { get; private set; }

    public void Append(bool valid)
    {
        _bits.Append(valid);
        if (!valid)
            NullCount++;
    }

    public (ArrowBuffer Buffer, int NullCount) Flush()
    {
        var result = (NullCount == 0 ? ArrowBuffer.Empty : _bits.Build(), NullCount);
        _bits = new ArrowBuffer.BitmapBuilder();
        NullCount = 0;
        return result;
    }
}
