using System.Buffers;
using System.Collections;
using System.Runtime.InteropServices;
using Apache.Arrow;
using MapType = CrmSync.Lake.Protocol.MapType;

namespace CrmSync.Lake.Parquet;

/// <summary>Builds a map column from IEnumerable&lt;KeyValuePair&lt;object, object?&gt;&gt; or any IDictionary; lists of
/// pairs, the usual values, are walked without an enumerator.</summary>
internal sealed class MapColumnBuilder(MapType type, ArrayPool<byte> pool) : ColumnBuilder
{
    private readonly Apache.Arrow.Types.MapType _arrowType = (Apache.Arrow.Types.MapType)ArrowSchemaMapper.ToArrowType(type);
    private readonly ColumnBuilder _keys = Create(type.KeyType, collectStats: false, pool);
    private readonly ColumnBuilder _values = Create(type.ValueType, collectStats: false, pool);
    private readonly ValidityBuilder _validity = new(pool);
    private readonly OffsetBuffer _offsets = new(pool);

    public override void Append(object value)
    {
        switch (value)
        {
            case List<KeyValuePair<object, object?>> list:
                foreach (var (k, v) in CollectionsMarshal.AsSpan(list))
                    AppendEntry(k, v);
                break;
            case IReadOnlyList<KeyValuePair<object, object?>> pairs:
                for (var i = 0; i < pairs.Count; i++)
                    AppendEntry(pairs[i].Key, pairs[i].Value);
                break;
            case IEnumerable<KeyValuePair<object, object?>> pairs:
                foreach (var (k, v) in pairs)
                    AppendEntry(k, v);
                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                    AppendEntry(entry.Key, entry.Value);
                break;
            default:
                throw new InvalidCastException($"expected a map (IReadOnlyList<KeyValuePair<object, object?>>), got {value.GetType().Name}");
        }

        _validity.AppendValid();
        _offsets.Append(_keys.Length);
        Length++;
    }

    public override void AppendNull()
    {
        _validity.AppendNull();
        _offsets.Append(_keys.Length);
        Length++;
    }

    private void AppendEntry(object? key, object? value)
    {
        if (key is null)
            throw new InvalidCastException("map key is null");
        _keys.Append(key);
        if (value is not null)
            _values.Append(value);
        else if (type.ValueContainsNull)
            _values.AppendNull();
        else
            throw new InvalidCastException("map value is null but the map type does not allow null values");
    }

    public override void Release()
    {
        _keys.Release();
        _values.Release();
        _validity.Release();
        _offsets.Release();
    }

    public override IArrowArray Flush()
    {
        var keys = _keys.Flush();
        var values = _values.Flush();
        var entries = new StructArray(_arrowType.KeyValueType, keys.Length, [keys, values], ArrowBuffer.Empty, 0);
        var (bitmap, nulls) = _validity.Flush();
        var offsets = _offsets.ToArrowBuffer();
        var length = Length;
        Length = 0;
        _offsets.Reset();
        return new MapArray(_arrowType, length, offsets, entries, bitmap, nulls);
    }
}
