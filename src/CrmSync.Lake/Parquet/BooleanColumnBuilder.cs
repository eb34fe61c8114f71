using System.Buffers;
using System.Text.Json.Nodes;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace CrmSync.Lake.Parquet;

/// <summary>A boolean column: values are bits (Arrow's layout); Delta keeps no min/max for booleans.</summary>
internal sealed class BooleanColumnBuilder(ArrayPool<byte> pool) : ScalarColumnBuilder
{
    private readonly BitBuffer _values = new(pool);
    private readonly ValidityBuilder _validity = new(pool);

    public override void Append(object value)
    {
        _values.Append(value is bool b ? b : ValueCoercion.ToBool(value));
        _validity.AppendValid();
        Length++;
    }

    public override void AppendNull()
    {
        _values.Append(false);
        _validity.AppendNull();
        NullCount++;
        Length++;
    }

    public override IArrowArray Flush()
    {
        var (validity, nulls) = _validity.Flush();
        var data = new ArrayData(BooleanType.Default, Length, nulls, 0, [validity, _values.ToArrowBuffer()]);
        _values.Clear();
        Length = 0;
        return ArrowArrayFactory.BuildArray(data);
    }

    public override void Release()
    {
        _values.Release();
        _validity.Release();
    }

    public override (JsonNode Min, JsonNode Max)? Bounds() => null;
}
