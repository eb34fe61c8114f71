using System.Collections;
using Apache.Arrow;
using MapType = CrmSync.Lake.Protocol.MapType;

namespace CrmSync.Lake.Parquet;

/// <summary>Builds a map column from IEnumerable&lt;KeyValuePair&lt;object, object?&gt;&gt; or any IDictionary.</summary>
internal sealed class MapColumnBuilder(MapType type) : ColumnBuilder
{
    private readonly Apache.Arrow.Types.MapType _arrowType = (Apache.Arrow.Types.MapType)ArrowSchemaMapper.ToArrowType(type);
    private readonly ColumnBuilder _keys = Create(type.KeyType);
    private readonly ColumnBuilder _values = Create(type.ValueType);
    private readonly ValidityBuilder _validity = new();
    private ArrowBuffer.Builder<int> _offsets = new ArrowBuffer.Builder<int>().Append(0);

    public override void Append(object? value)
    {
        Length++;
        switch (value)
        {
            case null:
                _validity.Append(false);
                break;
            case IEnumerable<KeyValuePair<object, object?>> pairs:
                _validity.Append(true);
                foreach (var (k, v) in pairs)
                    AppendEntry(k, v);
                break;
            case IDictionary dictionary:
                _validity.Append(true);
                foreach (DictionaryEntry entry in dictionary)
                    AppendEntry(entry.Key, entry.Value);
                break;
            default:
                throw new InvalidCastException($"expected a map (IReadOnlyList<KeyValuePair<object, object?>>), got {value.GetType().Name}");
        }

        _offsets.Append(_keys.Length);
    }

    private void AppendEntry(object? key, object? value)
    {
        if (key is null)
            throw new InvalidCastException("map key is null");
        if (value is null && !type.ValueContainsNull)
            throw new InvalidCastException("map value is null but the map type does not allow null values");
        _keys.Append(key);
        _values.Append(value);
    }

    public override IArrowArray Flush()
    {
        var keys = _keys.Flush();
        var values = _values.Flush();
        var entries = new StructArray(_arrowType.KeyValueType, keys.Length, [keys, values], ArrowBuffer.Empty, 0);
        var (bitmap, nulls) = _validity.Flush();
        var offsets = _offsets.Build();
        var length = Length;
        Length = 0;
        _offsets = new ArrowBuffer.Builder<int>().Append(0);
        return new MapArray(_arrowType, length, offsets, entries, bitmap, nulls);
    }
}
