using CrmSync.Lake.Protocol;

namespace CrmSync.Pipeline.Catalog;

/// <summary>
/// The ordinals of a fixed list of columns in the schema rows arrive with, worked out (and checked) once per schema: the
/// rows of one scan share their schema, so a mapper converting thousands of them looks each name up once instead of per
/// row.
/// </summary>
internal sealed class ColumnOrdinals(IReadOnlyList<string> columns)
{
    private Resolved? _last;

    public IReadOnlyList<string> Columns => columns;

    /// <summary>The columns' ordinals in <paramref name="schema"/>, in the list's order; an error naming the first
    /// column the schema lacks.</summary>
    public int[] In(StructType schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var last = _last;
        if (last is null || !ReferenceEquals(last.Schema, schema))
        {
            int[] ordinals = [.. columns.Select(schema.TryIndexOf)];
            last = new Resolved(schema, ordinals, Array.IndexOf(ordinals, -1));
            _last = last;
        }

        return last.Missing < 0 ? last.Ordinals : throw new ArgumentException(
            $"Column '{columns[last.Missing]}' is not in the rows (columns: {string.Join(", ", schema.Fields.Select(f => f.Name))}).",
            nameof(schema));
    }

    /// <param name="Missing">The first column the schema lacks, -1 when it has them all.</param>
    private sealed record Resolved(StructType Schema, int[] Ordinals, int Missing);
}
