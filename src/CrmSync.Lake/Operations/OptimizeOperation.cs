using System.Text;
using System.Text.Json;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>
/// OPTIMIZE (bin packing), as Delta's and delta-rs': per partition, the files smaller than the target size and the files whose
/// deletion vector hides a large share of their rows are packed into bins of up to the target size (by the input files'
/// sizes), and each bin is rewritten into one new file (rows deleted by DVs dropped, stats and key index sidecars written
/// as every write does). A bin of one file is only rewritten to drop its deleted rows, so a second run has nothing to do.
/// One commit: <c>remove</c> (dataChange=false, with the old DV) of every input and <c>add</c> (dataChange=false) of every
/// output, so streaming readers and CDC see no change. Every input is marked read: a concurrent commit that removed or
/// changed one (a merge or delete giving it a DV) is a conflict and this commit fails, because it would bring back the rows
/// that commit deleted; concurrent appends do not conflict. Rows are streamed a row group at a time, bin by bin.
/// </summary>
internal static class OptimizeOperation
{
    public const string Operation = "OPTIMIZE";

    public static async Task<OptimizeResult> RunAsync(IObjectStore store, Snapshot snapshot, OptimizeOptions options,
        DeltaTableOptions tableOptions, CancellationToken ct)
    {
        options.Validate();
        ValidatePartitionFilter(snapshot, options.PartitionFilter);
        var targetSize = options.ResolveTargetFileSize(snapshot);
        var bins = PlanBins(snapshot, options, targetSize);
        var filesBefore = snapshot.Files.Count;
        var bytesBefore = snapshot.TotalSize;
        var unchanged = new CommitResult(snapshot.Version, true, Operation, new Dictionary<string, long>());
        if (bins.Count == 0)
            return new OptimizeResult(unchanged, filesBefore, filesBefore, bytesBefore, bytesBefore, 0, 0, 0, 0, 0, 0, 0);
        if (options.DryRun)
        {
            var planned = bins.SelectMany(b => b).ToList();
            return new OptimizeResult(unchanged, filesBefore, filesBefore - planned.Count + bins.Count, bytesBefore, bytesBefore,
                planned.Count, bins.Count, planned.Sum(f => f.Size), 0, CountPartitions(snapshot, bins), 0,
                planned.Sum(f => f.DeletionVector?.Cardinality ?? 0));
        }

        var tx = new Transaction(store, snapshot.TablePath, snapshot, tableOptions, Operation) { CommitMetadata = options.CommitMetadata };
        tx.OperationParameters["predicate"] = JsonSerializer.Serialize(options.PartitionFilter is { } filter ? new[] { filter.ToString() } : []);
        tx.OperationParameters["targetFileSize"] = targetSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        tx.OperationParameters["zOrderBy"] = "[]";
        tx.OperationParameters["auto"] = "false";

        var now = tx.NowMs;
        var added = new List<AddFile>();
        long rowsWritten = 0, deletedRowsDropped = 0;
        foreach (var bin in bins)
        {
            // One writer per bin: the writer keeps one open file per partition, and a bin must become its own file. No row
            // limit: the bin's input bytes bound the file.
            using var writer = new TableFileWriter(store, snapshot, tableOptions, maxRowsPerFile: int.MaxValue);
            foreach (var file in bin)
            {
                tx.MarkRead(file);
                tx.Add(file.ToRemove(now, dataChange: false));
                deletedRowsDropped += file.DeletionVector?.Cardinality ?? 0;
                await foreach (var batch in TableScan.ReadFileAsync(store, snapshot, file, snapshot.Schema, ct).ConfigureAwait(false))
                {
                    foreach (var row in batch.Rows)
                        await writer.WriteAsync(row, ct).ConfigureAwait(false);
                }
            }

            rowsWritten += writer.RowsWritten;
            added.AddRange(WrittenFiles.ToAdds(await writer.CompleteAsync(ct).ConfigureAwait(false), now).Select(a => a with { DataChange = false }));
        }

        tx.AddRange(added);
        var removed = bins.SelectMany(b => b).ToList();
        var removedBytes = removed.Sum(f => f.Size);
        var addedBytes = added.Sum(f => f.Size);
        AddMetrics(tx, removed, added);
        var version = await tx.CommitAsync(ct).ConfigureAwait(false);
        return new OptimizeResult(new CommitResult(version, false, Operation, tx.Metrics), filesBefore, filesBefore - removed.Count + added.Count,
            bytesBefore, bytesBefore - removedBytes + addedBytes, removed.Count, added.Count, removedBytes, addedBytes,
            CountPartitions(snapshot, bins), rowsWritten, deletedRowsDropped);
    }

    private static int CountPartitions(Snapshot snapshot, List<List<AddFile>> bins) =>
        bins.Select(b => PartitionKey(snapshot, b[0])).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The bins to rewrite, partition by partition. Candidates are taken in the order they were written (modification
    /// time, then path), not by size as Spark does, so each output file covers one stretch of writes and min/max stats of
    /// ever-increasing columns (ingest_seq, unify_seq) stay narrow enough to prune files by.</summary>
    internal static List<List<AddFile>> PlanBins(Snapshot snapshot, OptimizeOptions options, long targetSize)
    {
        var bins = new List<List<AddFile>>();
        var partitions = snapshot.Files
            .Where(f => options.PartitionFilter is null
                || options.PartitionFilter.MightMatch(new FileView(f, snapshot.Schema, snapshot.PartitionColumns)))
            .Where(f => f.Size < targetSize || HasManyDeletedRows(f, options.DeletedRowsRatio))
            .GroupBy(f => PartitionKey(snapshot, f), StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            var current = new List<AddFile>();
            long currentSize = 0;
            foreach (var file in partition.OrderBy(f => f.ModificationTime).ThenBy(f => f.Path, StringComparer.Ordinal))
            {
                if (current.Count > 0 && currentSize + file.Size > targetSize)
                {
                    Keep(bins, current, options.DeletedRowsRatio);
                    current = [];
                    currentSize = 0;
                }

                current.Add(file);
                currentSize += file.Size;
            }

            Keep(bins, current, options.DeletedRowsRatio);
        }

        return bins;
    }

    /// <summary>A bin of several files always gains; a single file only when it sheds enough deleted rows.</summary>
    private static void Keep(List<List<AddFile>> bins, List<AddFile> bin, double deletedRowsRatio)
    {
        if (bin.Count > 1 || (bin.Count == 1 && HasManyDeletedRows(bin[0], deletedRowsRatio)))
            bins.Add(bin);
    }

    /// <summary>A file without row count stats has an unknown ratio: it is compacted only when small.</summary>
    private static bool HasManyDeletedRows(AddFile file, double ratio) =>
        file.DeletionVector is { Cardinality: > 0 } dv && file.ParsedStats?.NumRecords is > 0 and var rows && dv.Cardinality >= ratio * rows;

    private static string PartitionKey(Snapshot snapshot, AddFile file)
    {
        var key = new StringBuilder();
        foreach (var column in snapshot.PartitionColumns)
        {
            var value = file.PartitionValues.FirstOrDefault(kv => string.Equals(kv.Key, column, StringComparison.OrdinalIgnoreCase)).Value;
            // Null and '' are the same partition (both mean null); a separator no escaped value holds keeps keys apart.
            key.Append(string.IsNullOrEmpty(value) ? "\u0000" : "\u0001" + value).Append('\u0002');
        }

        return key.ToString();
    }

    private static void ValidatePartitionFilter(Snapshot snapshot, Expr? filter)
    {
        var other = filter?.Columns.Where(c => !snapshot.PartitionColumns.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList() ?? [];
        if (other.Count > 0)
            throw new ArgumentException(
                $"OPTIMIZE of table '{snapshot.TablePath}': the partition filter may only use partition columns " +
                $"({string.Join(", ", snapshot.PartitionColumns)}); '{string.Join("', '", other)}' is not one.", nameof(filter));
    }

    /// <summary>Spark's OPTIMIZE metrics: file counts and bytes both ways, the added files' size distribution, DVs dropped.</summary>
    private static void AddMetrics(Transaction tx, List<AddFile> removed, List<AddFile> added)
    {
        tx.Metrics["numRemovedFiles"] = removed.Count;
        tx.Metrics["numAddedFiles"] = added.Count;
        tx.Metrics["numRemovedBytes"] = removed.Sum(f => f.Size);
        tx.Metrics["numAddedBytes"] = added.Sum(f => f.Size);
        tx.Metrics["numDeletionVectorsRemoved"] = removed.Count(f => f.DeletionVector is not null);
        var sizes = added.Select(f => f.Size).Order().ToArray();
        if (sizes.Length == 0)
            return;
        tx.Metrics["minFileSize"] = sizes[0];
        tx.Metrics["p25FileSize"] = sizes[(sizes.Length - 1) / 4];
        tx.Metrics["p50FileSize"] = sizes[(sizes.Length - 1) / 2];
        tx.Metrics["p75FileSize"] = sizes[(sizes.Length - 1) * 3 / 4];
        tx.Metrics["maxFileSize"] = sizes[^1];
    }
}
