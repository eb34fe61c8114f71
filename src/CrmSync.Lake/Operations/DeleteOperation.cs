using CrmSync.Lake.DeletionVectors;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>DELETE: files that cannot match are untouched; files wholly matched (by partition values) are removed without
/// reading; other candidates are read on the predicate's columns and, only if they hold matching rows, either rewritten
/// without them (copy-on-write) or, when the table has deletion vectors enabled, given a DV marking them deleted.</summary>
internal static class DeleteOperation
{
    public static async Task<CommitResult> RunAsync(IObjectStore store, Snapshot snapshot, Expr? predicate, WriteOptions? options,
        DeltaTableOptions tableOptions, CancellationToken ct)
    {
        var tx = new Transaction(store, snapshot.TablePath, snapshot, tableOptions, "DELETE")
        {
            Txn = options?.Txn,
            CommitMetadata = options?.CommitMetadata,
            ReadPredicate = predicate is null
                ? _ => true
                : f => predicate.MightMatch(new FileView(f, snapshot.Schema, snapshot.PartitionColumns)),
        };
        tx.OperationParameters["predicate"] = System.Text.Json.JsonSerializer.Serialize(new[] { predicate?.ToString() ?? "true" });

        var partitionOnly = predicate is null
            || predicate.Columns.All(c => snapshot.PartitionColumns.Contains(c, StringComparer.OrdinalIgnoreCase));
        var bound = predicate?.Bind(snapshot.Schema);
        var useDeletionVectors = TableFeatures.DeletionVectorsEnabled(snapshot.Protocol, snapshot.Metadata);
        var deletions = new FileRowDeletions(store, snapshot.TablePath);
        long deletedRows = 0, copiedRows = 0;
        var removedFiles = 0;
        var now = tx.NowMs;
        using var writer = new TableFileWriter(store, snapshot, tableOptions);
        await foreach (var file in TableScan.SelectFilesAsync(store, snapshot, predicate, ct).ConfigureAwait(false))
        {
            if (partitionOnly)
            {
                // The predicate is decided by the partition values alone: the whole file goes.
                tx.MarkRead(file);
                tx.Add(file.ToRemove(now));
                removedFiles++;
                deletedRows += file.LiveRecords ?? await CountRowsAsync(store, snapshot, file, ct).ConfigureAwait(false);
                continue;
            }

            if (useDeletionVectors)
            {
                var (alreadyDeleted, matches, physicalRows) = await FindMatchesAsync(store, snapshot, file, predicate!, ct).ConfigureAwait(false);
                if (matches.Count == 0)
                    continue;
                tx.MarkRead(file);
                deletions.Add(file, alreadyDeleted, matches, physicalRows);
                deletedRows += matches.Count;
                continue;
            }

            // Pass 1 reads only the predicate's columns: a candidate without a matching row is not rewritten.
            if (await CountMatchesAsync(store, snapshot, file, predicate!, ct).ConfigureAwait(false) == 0)
                continue;
            tx.MarkRead(file);
            tx.Add(file.ToRemove(now));
            removedFiles++;
            await foreach (var batch in TableScan.ReadFileAsync(store, snapshot, file, snapshot.Schema, ct).ConfigureAwait(false))
            {
                foreach (var row in batch.Rows)
                {
                    if (bound!(row) == true)
                    {
                        deletedRows++;
                        continue;
                    }

                    copiedRows++;
                    await writer.WriteAsync(row, ct).ConfigureAwait(false);
                }
            }
        }

        var files = await writer.CompleteAsync(ct).ConfigureAwait(false);
        tx.AddRange(await deletions.WriteAsync(now, ct).ConfigureAwait(false));
        tx.AddRange(WrittenFiles.ToAdds(files, now));
        tx.Metrics["numRemovedFiles"] = removedFiles + deletions.FilesRemoved;
        tx.Metrics["numAddedFiles"] = files.Count;
        tx.Metrics["numDeletedRows"] = deletedRows;
        tx.Metrics["numCopiedRows"] = copiedRows;
        if (useDeletionVectors)
        {
            tx.Metrics["numDeletionVectorsAdded"] = deletions.DeletionVectorsAdded;
            tx.Metrics["numDeletionVectorsUpdated"] = deletions.DeletionVectorsUpdated;
            tx.Metrics["numDeletionVectorsRemoved"] = deletions.DeletionVectorsRemoved;
        }

        var version = await tx.CommitAsync(ct).ConfigureAwait(false);
        return new CommitResult(version, false, "DELETE", tx.Metrics);
    }

    /// <summary>Row positions of the live rows matching <paramref name="predicate"/>, read on the predicate's columns; also the
    /// file's current DV and its physical row count, which the new DV needs.</summary>
    private static async Task<(RowIndexSet AlreadyDeleted, List<long> Matches, long PhysicalRows)> FindMatchesAsync(IObjectStore store,
        Snapshot snapshot, AddFile file, Expr predicate, CancellationToken ct)
    {
        var schema = new StructType(predicate.Columns.Select(c => snapshot.Schema[c]));
        var bound = predicate.Bind(schema);
        var alreadyDeleted = await DeletionVectorReader.ReadAsync(store, snapshot.TablePath, file, ct).ConfigureAwait(false);
        var matches = new List<long>();
        long physicalRows = 0;
        await foreach (var batch in PositionedFileReader.ReadAsync(store, snapshot, file, schema, alreadyDeleted, ct).ConfigureAwait(false))
        {
            for (var i = 0; i < batch.Rows.Count; i++)
            {
                if (bound(batch.Rows[i]) == true)
                    matches.Add(batch.RowIndexes[i]);
            }

            physicalRows = batch.RowsScanned;
        }

        return (alreadyDeleted, matches, physicalRows);
    }

    private static async Task<long> CountMatchesAsync(IObjectStore store, Snapshot snapshot, AddFile file, Expr predicate,
        CancellationToken ct)
    {
        var schema = new StructType(predicate.Columns.Select(c => snapshot.Schema[c]));
        var bound = predicate.Bind(schema);
        long count = 0;
        await foreach (var batch in TableScan.ReadFileAsync(store, snapshot, file, schema, ct).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                if (bound(row) == true)
                    count++;
            }
        }

        return count;
    }

    private static async Task<long> CountRowsAsync(IObjectStore store, Snapshot snapshot, AddFile file, CancellationToken ct)
    {
        long count = 0;
        var empty = new StructType([]);
        await foreach (var batch in TableScan.ReadFileAsync(store, snapshot, file, empty, ct).ConfigureAwait(false))
            count += batch.Count;
        return count;
    }
}
