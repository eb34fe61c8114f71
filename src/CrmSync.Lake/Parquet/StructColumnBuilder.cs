using Apache.Arrow;
using StructType = CrmSync.Lake.Protocol.StructType;

namespace CrmSync.Lake.Parquet;

/// <summary>Builds a struct column from <see cref="Row"/> values (or dictionaries keyed by field name).</summary>
internal sealed class StructColumnBuilder : ColumnBuilder
{
    private readonly StructType _type;
    private readonly Apache.Arrow.Types.StructType _arrowType;
    private readonly ValidityBuilder _validity = new();

    public StructColumnBuilder(StructType type)
    {
        _type = type;
        _arrowType = (Apache.Arrow.Types.StructType)ArrowSchemaMapper.ToArrowType(type);
        Children = type.Fields.Select(f => Create(f.Type)).ToArray();
    }

    public ColumnBuilder[] Children { get; }

    public StructType Type => _type;

    public override void Append(object? value)
    {
        Length++;
        switch (value)
        {
            case null:
                _validity.Append(false);
                foreach (var child in Children)
                    child.Append(null);
                return;
            case Row row:
                _validity.Append(true);
                for (var i = 0; i < Children.Length; i++)
                {
                    var ordinal = row.Schema.TryIndexOf(_type[i].Name);
                    AppendChild(i, ordinal >= 0 ? row[ordinal] : null);
                }

                return;
            case IReadOnlyDictionary<string, object?> dictionary:
                _validity.Append(true);
                for (var i = 0; i < Children.Length; i++)
                    AppendChild(i, dictionary.TryGetValue(_type[i].Name, out var v) ? v : null);
                return;
            default:
                throw new InvalidCastException($"expected a struct (Row), got {value.GetType().Name}");
        }
    }

    private void AppendChild(int i, object? value)
    {
        if (value is null && !_type[i].Nullable)
            throw new InvalidCastException($"field '{_type[i].Name}' is not nullable but the value is null");
        try
        {
            Children[i].Append(value);
        }
        catch (InvalidCastException e)
        {
            throw new InvalidCastException($"field '{_type[i].Name}': {e.Message}", e);
        }
    }

    public override IArrowArray Flush()
    {
        var children = Children.Select(c => c.Flush()).ToList();
        var (bitmap, nulls) = _validity.Flush();
        var length = Length;
        Length = 0;
        return new StructArray(_arrowType, length, children, bitmap, nulls);
    }
}
