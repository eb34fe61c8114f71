using System.Runtime.CompilerServices;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;

namespace CrmSync.Pipeline.Catalog;

/// <summary>
/// Reads the rows of a table whose <c>column</c> is one of a set of keys. Small sets go to the Lake as
/// an IN filter (files pruned by min/max stats); large ones scan once and filter in memory, since
/// checking a million literals against every file's stats costs more than reading the column.
/// </summary>
public static class KeyLookup
{
    private const int FilterLimit = 20_000;

    public static async IAsyncEnumerable<Row> ScanAsync(
        DeltaTable table,
        string column,
        IReadOnlyCollection<string> keys,
        IReadOnlyList<string>? columns = null,
        Expr? extraFilter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            yield break;
        }

        if (keys.Count <= FilterLimit)
        {
            var filter = extraFilter is null ? Expr.In(column, keys) : Expr.And(Expr.In(column, keys), extraFilter);
            await foreach (var batch in table.ScanAsync(filter, columns, cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in batch.Rows)
                {
                    yield return row;
                }
            }

            yield break;
        }

        var set = keys as ISet<string> ?? keys.ToHashSet(StringComparer.Ordinal);
        var projection = columns is null || columns.Contains(column, StringComparer.OrdinalIgnoreCase) ? columns : [.. columns, column];
        await foreach (var batch in table.ScanAsync(extraFilter, projection, cancellationToken).ConfigureAwait(false))
        {
            var ordinal = batch.Schema.IndexOf(column);
            foreach (var row in batch.Rows)
            {
                if (row[ordinal] is string key && set.Contains(key))
                {
                    yield return row;
                }
            }
        }
    }
}
