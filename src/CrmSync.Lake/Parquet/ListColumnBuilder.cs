using System.Buffers;
using System.Collections;
using System.Runtime.InteropServices;
using Apache.Arrow;
using ArrayType = CrmSync.Lake.Protocol.ArrayType;

namespace CrmSync.Lake.Parquet;

/// <summary>Builds an array column from any IEnumerable (except string and byte[]); lists and arrays, the usual
/// values, are walked without an enumerator.</summary>
internal sealed class ListColumnBuilder(ArrayType type, ArrayPool<byte> pool) : ColumnBuilder
{
    private readonly Apache.Arrow.Types.IArrowType _arrowType = ArrowSchemaMapper.ToArrowType(type);
    private readonly ColumnBuilder _elements = Create(type.ElementType, collectStats: false, pool);
    private readonly ValidityBuilder _validity = new(pool);
    private readonly OffsetBuffer _offsets = new(pool);

    public override void Append(object value)
    {
        switch (value)
        {
            case List<object?> list:
                foreach (var item in CollectionsMarshal.AsSpan(list))
                    AppendElement(item);
                break;
            case object?[] array:
                foreach (var item in new ReadOnlySpan<object?>(array))
                    AppendElement(item);
                break;
            case IReadOnlyList<object?> items:
                for (var i = 0; i < items.Count; i++)
                    AppendElement(items[i]);
                break;
            case IEnumerable items and not string and not byte[]:
                foreach (var item in items)
                    AppendElement(item);
                break;
            default:
                throw new InvalidCastException($"expected an array (IReadOnlyList<object?>), got {value.GetType().Name}");
        }

        _validity.AppendValid();
        _offsets.Append(_elements.Length);
        Length++;
    }

    public override void AppendNull()
    {
        _validity.AppendNull();
        _offsets.Append(_elements.Length);
        Length++;
    }

    private void AppendElement(object? item)
    {
        if (item is not null)
            _elements.Append(item);
        else if (type.ContainsNull)
            _elements.AppendNull();
        else
            throw new InvalidCastException("array element is null but the array type does not allow nulls");
    }

    public override void Release()
    {
        _elements.Release();
        _validity.Release();
        _offsets.Release();
    }

    public override IArrowArray Flush()
    {
        var values = _elements.Flush();
        var (bitmap, nulls) = _validity.Flush();
        var offsets = _offsets.ToArrowBuffer();
        var length = Length;
        Length = 0;
        _offsets.Reset();
        return new ListArray(_arrowType, length, offsets, values, bitmap, nulls);
    }
}
