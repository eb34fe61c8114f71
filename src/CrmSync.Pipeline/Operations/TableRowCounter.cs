using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Operations;

/// <summary>Row counts of every table in the catalog, in layer order (bronze, silver, gold, meta).</summary>
public static class TableRowCounter
{
    public static async Task<IReadOnlyList<TableRowCount>> CountAllAsync(LakeCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var counts = new List<TableRowCount>(TableNames.All.Count);
        foreach (var table in TableNames.All)
        {
            if (!await catalog.ExistsAsync(table, cancellationToken).ConfigureAwait(false))
            {
                counts.Add(new TableRowCount(table, -1));
                continue;
            }

            var handle = await catalog.OpenAsync(table, cancellationToken).ConfigureAwait(false);
            counts.Add(new TableRowCount(table, await handle.CountAsync(cancellationToken: cancellationToken).ConfigureAwait(false)));
        }

        return counts;
    }
}
