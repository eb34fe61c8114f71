using CrmSync.Lake.Protocol;

namespace CrmSync.Pipeline.Catalog;

/// <summary>
/// The ordinals of a fixed list of columns in the schema rows arrive with, worked out once per schema: the rows of one
/// scan share their schema, so a mapper converting thousands of them looks each name up once instead of per row.
/// </summary>
internal sealed class ColumnOrdinals(IReadOnlyList<string> columns)
{
    private Resolved? _last;

    public IReadOnlyList<string> Columns => columns;

    /// <summary>The columns' ordinals in <paramref name="schema"/>, in the list's order; -1 for a column it lacks.</summary>
    public int[] In(StructType schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var last = _last;
        if (last is not null && ReferenceEquals(last.Schema, schema))
        {
            return last.Ordinals;
        }

        var ordinals = columns.Select(schema.TryIndexOf).ToArray();
        _last = new Resolved(schema, ordinals);
        return ordinals;
    }

    private sealed record Resolved(StructType Schema, int[] Ordinals);
}
