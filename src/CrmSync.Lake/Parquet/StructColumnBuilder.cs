using System.Buffers;
using Apache.Arrow;
using StructType = CrmSync.Lake.Protocol.StructType;

namespace CrmSync.Lake.Parquet;

/// <summary>Builds a struct column from <see cref="Row"/> values (or dictionaries keyed by field name).</summary>
internal sealed class StructColumnBuilder : ColumnBuilder
{
    private readonly Apache.Arrow.Types.StructType _arrowType;
    private readonly ValidityBuilder _validity;
    private StructType? _lastRowSchema;
    private int[] _rowOrdinals = [];

    public StructColumnBuilder(StructType type, bool collectStats, ArrayPool<byte> pool)
    {
        Type = type;
        _validity = new ValidityBuilder(pool);
        _arrowType = (Apache.Arrow.Types.StructType)ArrowSchemaMapper.ToArrowType(type);
        Children = new ColumnBuilder[type.Count];
        for (var i = 0; i < Children.Length; i++)
            Children[i] = Create(type[i].Type, collectStats, pool);
    }

    public ColumnBuilder[] Children { get; }

    public StructType Type { get; }

    public override void Append(object value)
    {
        switch (value)
        {
            case Row row:
                var ordinals = OrdinalsIn(row.Schema);
                var values = row.Values;
                for (var i = 0; i < Children.Length; i++)
                    AppendChild(i, ordinals[i] >= 0 ? values[ordinals[i]] : null);
                break;
            case IReadOnlyDictionary<string, object?> dictionary:
                for (var i = 0; i < Children.Length; i++)
                    AppendChild(i, dictionary.TryGetValue(Type[i].Name, out var v) ? v : null);
                break;
            default:
                throw new InvalidCastException($"expected a struct (Row), got {value.GetType().Name}");
        }

        _validity.AppendValid();
        Length++;
    }

    public override void AppendNull()
    {
        foreach (var child in Children)
            child.AppendNull();
        _validity.AppendNull();
        Length++;
    }

    /// <summary>Where each field sits in rows of <paramref name="rowSchema"/> (-1: absent), looked up once per schema.</summary>
    private int[] OrdinalsIn(StructType rowSchema)
    {
        if (!ReferenceEquals(rowSchema, _lastRowSchema))
        {
            _rowOrdinals = new int[Children.Length];
            for (var i = 0; i < _rowOrdinals.Length; i++)
                _rowOrdinals[i] = rowSchema.TryIndexOf(Type[i].Name);
            _lastRowSchema = rowSchema;
        }

        return _rowOrdinals;
    }

    private void AppendChild(int i, object? value)
    {
        if (value is null)
        {
            if (!Type[i].Nullable)
                throw new InvalidCastException($"field '{Type[i].Name}' is not nullable but the value is null");
            Children[i].AppendNull();
            return;
        }

        try
        {
            Children[i].Append(value);
        }
        catch (InvalidCastException e)
        {
            throw new InvalidCastException($"field '{Type[i].Name}': {e.Message}", e);
        }
    }

    public override void Release()
    {
        foreach (var child in Children)
            child.Release();
        _validity.Release();
    }

    public override IArrowArray Flush()
    {
        var children = new IArrowArray[Children.Length];
        for (var i = 0; i < children.Length; i++)
            children[i] = Children[i].Flush();
        var (bitmap, nulls) = _validity.Flush();
        var length = Length;
        Length = 0;
        return new StructArray(_arrowType, length, children, bitmap, nulls);
    }
}
