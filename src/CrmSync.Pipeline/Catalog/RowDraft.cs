using CrmSync.Lake;
using CrmSync.Lake.Protocol;

namespace CrmSync.Pipeline.Catalog;

/// <summary>Builds one row of a table by column name; unset columns are null. <see cref="ToRow"/> hands the values
/// over without a copy (stages build a draft per row written), so a draft makes exactly one row.</summary>
public sealed class RowDraft
{
    private readonly StructType _schema;
    private object?[]? _values;

    public RowDraft(StructType schema)
        : this(schema, new object?[schema?.Count ?? throw new ArgumentNullException(nameof(schema))])
    {
    }

    private RowDraft(StructType schema, object?[] values)
    {
        _schema = schema;
        _values = values;
    }

    public object? this[string column]
    {
        get => Values[_schema.IndexOf(column)];
        set => Values[_schema.IndexOf(column)] = value;
    }

    /// <summary>Starts from an existing row of the same schema (copied).</summary>
    public static RowDraft From(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new RowDraft(row.Schema, row.ToArray());
    }

    public Row ToRow()
    {
        var row = new Row(_schema, Values);
        _values = null;
        return row;
    }

    private object?[] Values => _values ?? throw new InvalidOperationException("This draft has become a row already; start a new draft.");
}
