using System.Collections;
using Apache.Arrow;
using ArrayType = CrmSync.Lake.Protocol.ArrayType;

namespace CrmSync.Lake.Parquet;

/// <summary>Builds an array column from any IEnumerable (except string and byte[]).</summary>
internal sealed class ListColumnBuilder(ArrayType type) : ColumnBuilder
{
    private readonly Apache.Arrow.Types.IArrowType _arrowType = ArrowSchemaMapper.ToArrowType(type);
    private readonly ColumnBuilder _elements = Create(type.ElementType);
    private readonly ValidityBuilder _validity = new();
    private ArrowBuffer.Builder<int> _offsets = NewOffsets();

    public override void Append(object? value)
    {
        Length++;
        if (value is null)
        {
            _validity.Append(false);
        }
        else if (value is IEnumerable items and not string and not byte[])
        {
            _validity.Append(true);
            foreach (var item in items)
            {
                if (item is null && !type.ContainsNull)
                    throw new InvalidCastException("array element is null but the array type does not allow nulls");
                _elements.Append(item);
            }
        }
        else
        {
            throw new InvalidCastException($"expected an array (IReadOnlyList<object?>), got {value.GetType().Name}");
        }

        _offsets.Append(_elements.Length);
    }

    public override IArrowArray Flush()
    {
        var values = _elements.Flush();
        var (bitmap, nulls) = _validity.Flush();
        var offsets = _offsets.Build();
        var length = Length;
        Length = 0;
        _offsets = NewOffsets();
        return new ListArray(_arrowType, length, offsets, values, bitmap, nulls);
    }

    private static ArrowBuffer.Builder<int> NewOffsets() => new ArrowBuffer.Builder<int>().Append(0);
}
