using System.Buffers;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace CrmSync.Lake.Parquet;

/// <summary>The Arrow layout of string and binary columns: the bytes of every value end to end, and int32 offsets where
/// each value starts (plus one for the end), both in reusable buffers.</summary>
internal abstract class VariableWidthColumnBuilder : ScalarColumnBuilder
{
    private readonly IArrowType _arrowType;
    private readonly OffsetBuffer _offsets;
    private readonly ValidityBuilder _validity;

    protected VariableWidthColumnBuilder(IArrowType arrowType, ArrayPool<byte> pool)
    {
        _arrowType = arrowType;
        _offsets = new OffsetBuffer(pool);
        _validity = new ValidityBuilder(pool);
        Bytes = new ValueBuffer<byte>(pool);
    }

    protected ValueBuffer<byte> Bytes { get; }

    /// <summary>Ends the value whose bytes were just written to <see cref="Bytes"/>.</summary>
    protected void EndValue()
    {
        _offsets.Append(Bytes.Count);
        _validity.AppendValid();
        Length++;
    }

    public override void AppendNull()
    {
        _offsets.Append(Bytes.Count);
        _validity.AppendNull();
        NullCount++;
        Length++;
    }

    public override void Release()
    {
        _offsets.Release();
        Bytes.Release();
        _validity.Release();
    }

    public override IArrowArray Flush()
    {
        var (validity, nulls) = _validity.Flush();
        var data = new ArrayData(_arrowType, Length, nulls, 0, [validity, _offsets.ToArrowBuffer(), Bytes.ToArrowBuffer()]);
        _offsets.Reset();
        Bytes.Clear();
        Length = 0;
        return ArrowArrayFactory.BuildArray(data);
    }
}
