using CrmSync.Lake.Expressions;
using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>WRITE (Overwrite): replaces the whole table, or only the partitions matching a partition predicate
/// (every new row must satisfy it, as Spark's replaceWhere requires).</summary>
internal static class OverwriteOperation
{
    public static async Task<CommitResult> RunAsync(IObjectStore store, Snapshot snapshot, IAsyncEnumerable<Row> rows,
        Expr? partitionPredicate, WriteOptions? options, DeltaTableOptions tableOptions, CancellationToken ct)
    {
        Func<Row, bool?>? rowCheck = null;
        if (partitionPredicate is not null)
        {
            var nonPartition = partitionPredicate.Columns
                .Where(c => !snapshot.PartitionColumns.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            if (nonPartition.Count > 0)
                throw new ArgumentException(
                    $"An overwrite predicate may only use partition columns; '{string.Join("', '", nonPartition)}' is not one.",
                    nameof(partitionPredicate));
            rowCheck = partitionPredicate.Bind(snapshot.Schema);
        }

        var replaced = await TableScan.SelectFilesAsync(store, snapshot, partitionPredicate, ct).ToListAsync(ct).ConfigureAwait(false);
        var tx = new Transaction(store, snapshot.TablePath, snapshot, tableOptions, "WRITE")
        {
            Txn = options?.Txn,
            CommitMetadata = options?.CommitMetadata,
            // A concurrent append into the replaced range would survive the overwrite: that is a conflict.
            ReadPredicate = partitionPredicate is null
                ? _ => true
                : f => partitionPredicate.MightMatch(new FileView(f, snapshot.Schema, snapshot.PartitionColumns)),
        };
        tx.OperationParameters["mode"] = "Overwrite";
        tx.OperationParameters["partitionBy"] = WrittenFiles.PartitionByJson(snapshot.PartitionColumns);
        if (partitionPredicate is not null)
            tx.OperationParameters["predicate"] = partitionPredicate.ToString();

        using var writer = new TableFileWriter(store, snapshot, tableOptions);
        long rowNumber = 0;
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            if (rowCheck is not null && rowCheck(AsTableRow(row, snapshot.Schema)) != true)
                throw new DeltaSchemaException($"Row {rowNumber} does not satisfy the overwrite predicate {partitionPredicate}: {row}.");
            await writer.WriteAsync(row, ct).ConfigureAwait(false);
            rowNumber++;
        }

        var files = await writer.CompleteAsync(ct).ConfigureAwait(false);
        var now = tx.NowMs;
        foreach (var file in replaced)
        {
            tx.MarkRead(file);
            tx.Add(file.ToRemove(now));
        }

        tx.AddRange(WrittenFiles.ToAdds(files, now));
        WrittenFiles.AddMetrics(tx, files);
        tx.Metrics["numRemovedFiles"] = replaced.Count;
        tx.Metrics["numRemovedBytes"] = replaced.Sum(f => f.Size);
        var version = await tx.CommitAsync(ct).ConfigureAwait(false);
        return new CommitResult(version, false, "WRITE", tx.Metrics);
    }

    /// <summary>The row re-keyed to the table schema (rows may come with their own, name-compatible schema).</summary>
    internal static Row AsTableRow(Row row, StructType schema) =>
        ReferenceEquals(row.Schema, schema)
            ? row
            : new Row(schema, schema.Fields.Select(f => row.Schema.TryIndexOf(f.Name) is var i and >= 0 ? row[i] : null).ToArray());
}
