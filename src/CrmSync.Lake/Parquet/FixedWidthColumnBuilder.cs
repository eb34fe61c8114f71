using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Apache.Arrow;

namespace CrmSync.Lake.Parquet;

/// <summary>A fixed-width primitive column (integers, floating point, date, timestamps, decimal): values go straight
/// into a reusable buffer, min/max are compared as the Arrow values themselves.</summary>
internal sealed class FixedWidthColumnBuilder<T, TValues>(TValues values, bool collectStats, ArrayPool<byte> pool) : ScalarColumnBuilder
    where T : unmanaged, IComparisonOperators<T, T, bool>
    where TValues : struct, IFixedWidthValues<T>
{
    private readonly ValueBuffer<T> _data = new(pool);
    private readonly ValidityBuilder _validity = new(pool);
    private bool _trackBounds = collectStats;
    private bool _hasBounds;
    private bool _unorderable;
    private T _min;
    private T _max;

    public override void Append(object value)
    {
        var v = values.Convert(value);
        _data.Append(v);
        _validity.AppendValid();
        Length++;
        if (_trackBounds)
            Track(v);
    }

    public override void AppendNull()
    {
        _data.Append(default);
        _validity.AppendNull();
        NullCount++;
        Length++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Track(T v)
    {
        if (!values.IsOrderable(v))
        {
            // NaN or infinity: no meaningful order or JSON form, so no min/max for the file (Spark does the same).
            _unorderable = true;
            _trackBounds = false;
        }
        else if (!_hasBounds)
        {
            _min = _max = v;
            _hasBounds = true;
        }
        else if (v < _min)
        {
            _min = v;
        }
        else if (v > _max)
        {
            _max = v;
        }
    }

    public override IArrowArray Flush()
    {
        var (validity, nulls) = _validity.Flush();
        var data = new ArrayData(values.ArrowType, Length, nulls, 0, [validity, _data.ToArrowBuffer()]);
        _data.Clear();
        Length = 0;
        return ArrowArrayFactory.BuildArray(data);
    }

    public override void Release()
    {
        _data.Release();
        _validity.Release();
    }

    public override (JsonNode Min, JsonNode Max)? Bounds() =>
        _hasBounds && !_unorderable ? (values.MinStat(_min), values.MaxStat(_max)) : null;
}
