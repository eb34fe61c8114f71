using CrmSync.Lake;
using CrmSync.Lake.Protocol;

namespace CrmSync.Pipeline.Catalog;

/// <summary>Builds one row of a table by column name; unset columns are null.</summary>
public sealed class RowDraft(StructType schema)
{
    private readonly object?[] _values = new object?[schema.Count];

    public object? this[string column]
    {
        get => _values[schema.IndexOf(column)];
        set => _values[schema.IndexOf(column)] = value;
    }

    /// <summary>Starts from an existing row of the same schema (copied).</summary>
    public static RowDraft From(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var draft = new RowDraft(row.Schema);
        row.ToArray().CopyTo(draft._values, 0);
        return draft;
    }

    public Row ToRow() => new(schema, (object?[])_values.Clone());
}
