using System.Runtime.CompilerServices;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;

namespace CrmSync.Pipeline.Catalog;

/// <summary>
/// Reads the rows of a table whose <c>column</c> is one of a set of keys, as an IN filter: files are skipped by the
/// column's min/max stats (a binary search per file over the sorted keys) and, within a file, only the key column is
/// converted until a row matches, so a lookup of a few keys in a large table costs about one column's read.
/// </summary>
public static class KeyLookup
{
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

        var filter = extraFilter is null ? Expr.In(column, keys) : Expr.And(Expr.In(column, keys), extraFilter);
        await foreach (var batch in table.ScanAsync(filter, columns, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                yield return row;
            }
        }
    }
}
