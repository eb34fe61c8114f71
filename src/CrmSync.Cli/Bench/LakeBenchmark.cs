using System.Diagnostics;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Storage;

namespace CrmSync.Cli.Bench;

/// <summary>
/// The phases of `crmsync bench lake`, each measured in the current process: wall time, peak
/// working set (Process.PeakWorkingSet64) and bytes allocated. The table lives in
/// &lt;dir&gt;/delta/contacts (the nested write's in &lt;dir&gt;/delta/contact_snapshots); floors write
/// &lt;dir&gt;/floor-*.parquet.
/// </summary>
public sealed class LakeBenchmark(string directory, long rows, int mergeRows, int rowsPerFile)
{
    private readonly KeyIndexBenchmark _keyIndex = new(directory, rows);
    private readonly CompactionBenchmark _compaction = new(directory, rows);

    private const string TablePath = "delta/contacts";
    private const string NestedTablePath = "delta/contact_snapshots";

    public static int RowGroupRows { get; } = new DeltaTableOptions().RowGroupRows;

    public static int DefaultRowsPerFile { get; } = new DeltaTableOptions().MaxRowsPerFile;

    private DeltaTableOptions Options => new() { MaxRowsPerFile = rowsPerFile };

    public async Task<PhaseResult> RunAsync(BenchPhase phase, CancellationToken cancellationToken)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var (measuredRows, files, bytes, rewritten, holding, withDeletionVector, filesRead) = phase switch
        {
            BenchPhase.RandomKeysWrite or BenchPhase.RandomKeysWriteIndexed =>
                WithFilesRead(await _keyIndex.WriteAsync(phase == BenchPhase.RandomKeysWriteIndexed, cancellationToken).ConfigureAwait(false)),
            BenchPhase.RandomKeysMerge or BenchPhase.RandomKeysMergeIndexed =>
                KeyIndexMerge(await _keyIndex.MergeAsync(phase == BenchPhase.RandomKeysMergeIndexed, cancellationToken).ConfigureAwait(false)),
            BenchPhase.RandomKeysLookup or BenchPhase.RandomKeysLookupIndexed =>
                WithFilesRead(await _keyIndex.LookupAsync(phase == BenchPhase.RandomKeysLookupIndexed, cancellationToken).ConfigureAwait(false)),
            BenchPhase.SpreadKeysLookup => WithFilesRead(await _keyIndex.SpreadLookupAsync(cancellationToken).ConfigureAwait(false)),
            BenchPhase.SpreadKeysMerge => KeyIndexMerge(await _keyIndex.SpreadMergeAsync(cancellationToken).ConfigureAwait(false)),
            BenchPhase.SpreadKeysLookupNested => NoFilesRead(await LookupNestedAsync(cancellationToken).ConfigureAwait(false)),
            BenchPhase.FragmentedWrite => WithFilesRead(await _compaction.WriteAsync(cancellationToken).ConfigureAwait(false)),
            BenchPhase.FragmentedLookup or BenchPhase.OptimizedLookup => WithFilesRead(await _compaction.LookupAsync(cancellationToken).ConfigureAwait(false)),
            BenchPhase.Optimize => Compacted(await _compaction.OptimizeAsync(cancellationToken).ConfigureAwait(false)),
            BenchPhase.RowGeneration => NoFilesRead(await GenerateAsync(ContactRowGenerator.ContactsAsync(rows), cancellationToken).ConfigureAwait(false)),
            BenchPhase.RowGenerationNested => NoFilesRead(await GenerateAsync(ContactSnapshotRowGenerator.SnapshotsAsync(rows), cancellationToken).ConfigureAwait(false)),
            BenchPhase.DeltaWrite => NoFilesRead(await WriteAsync(cancellationToken).ConfigureAwait(false)),
            BenchPhase.DeltaWriteNested => NoFilesRead(await WriteNestedAsync(cancellationToken).ConfigureAwait(false)),
            BenchPhase.DeltaRead => NoFilesRead(await ReadAsync(cancellationToken).ConfigureAwait(false)),
            BenchPhase.DeltaMergeClustered => NoFilesRead(await MergeAsync(ClusteredKeys(), deletionVectors: false, cancellationToken).ConfigureAwait(false)),
            BenchPhase.DeltaMergeSpread => NoFilesRead(await MergeAsync(SpreadKeys(), deletionVectors: false, cancellationToken).ConfigureAwait(false)),
            BenchPhase.DeltaMergeSpreadDeletionVectors => NoFilesRead(await MergeAsync(SpreadKeys(), deletionVectors: true, cancellationToken).ConfigureAwait(false)),
            BenchPhase.ParquetSharpFloor => NoFilesRead(Floor("floor-parquetsharp.parquet", path => ParquetFloorWriter.WriteWithParquetSharp(path, rows, RowGroupRows))),
            _ => NoFilesRead(await FloorAsync("floor-parquetnet.parquet", path => ParquetFloorWriter.WriteWithParquetNetAsync(path, rows, RowGroupRows, cancellationToken)).ConfigureAwait(false)),
        };
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var process = Process.GetCurrentProcess();
        return new PhaseResult(phase, measuredRows, seconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds, process.PeakWorkingSet64,
            GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore, files, bytes, rewritten, holding, withDeletionVector, filesRead);
    }

    private static (long, int, long, int?, int?, int?, int?) NoFilesRead((long, int, long, int?, int?, int?) result) =>
        (result.Item1, result.Item2, result.Item3, result.Item4, result.Item5, result.Item6, null);

    private static (long, int, long, int?, int?, int?, int?) WithFilesRead((long Rows, int Files, long Bytes, int FilesRead) result) =>
        (result.Rows, result.Files, result.Bytes, null, null, null, result.FilesRead > 0 ? result.FilesRead : null);

    // Files read: the files OPTIMIZE compacted (it reads each once).
    private static (long, int, long, int?, int?, int?, int?) Compacted((long Rows, int Files, long Bytes, int FilesCompacted) result) =>
        (result.Rows, result.Files, result.Bytes, null, null, null, result.FilesCompacted);

    // Holding keys: 1, the last file written (the other half of the keys is new).
    private static (long, int, long, int?, int?, int?, int?) KeyIndexMerge(
        (long Rows, int Files, long Bytes, int FilesRead, int FilesRewritten, int FilesWithNewDeletionVector) result) =>
        (result.Rows, result.Files, result.Bytes, result.FilesRewritten, 1, result.FilesWithNewDeletionVector, result.FilesRead);

    private LocalFileSystemStore Store() => new(directory);

    private static async Task<(long, int, long, int?, int?, int?)> GenerateAsync(IAsyncEnumerable<Row> source, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var row in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            count += row.Count > 0 ? 1 : 0;
        }

        return (count, 0, 0, null, null, null);
    }

    private async Task<(long, int, long, int?, int?, int?)> WriteAsync(CancellationToken cancellationToken)
    {
        var table = await DeltaTable.CreateAsync(Store(), TablePath, ContactRowGenerator.Schema, options: Options, cancellationToken: cancellationToken).ConfigureAwait(false);
        await table.AppendAsync(ContactRowGenerator.ContactsAsync(rows), cancellationToken: cancellationToken).ConfigureAwait(false);
        return (rows, table.Snapshot.Files.Count, table.Snapshot.TotalSize, null, null, null);
    }

    private async Task<(long, int, long, int?, int?, int?)> WriteNestedAsync(CancellationToken cancellationToken)
    {
        var table = await DeltaTable.CreateAsync(Store(), NestedTablePath, ContactSnapshotRowGenerator.Schema, options: Options, cancellationToken: cancellationToken).ConfigureAwait(false);
        await table.AppendAsync(ContactSnapshotRowGenerator.SnapshotsAsync(rows), cancellationToken: cancellationToken).ConfigureAwait(false);
        return (rows, table.Snapshot.Files.Count, table.Snapshot.TotalSize, null, null, null);
    }

    private async Task<(long, int, long, int?, int?, int?)> ReadAsync(CancellationToken cancellationToken)
    {
        var table = await DeltaTable.OpenAsync(Store(), TablePath, Options, cancellationToken).ConfigureAwait(false);
        long count = 0;
        long checksum = 0;
        await foreach (var batch in table.ScanAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count += batch.Count;
            foreach (var row in batch.Rows)
            {
                // Touch every value so the read cannot be lazier than a real consumer.
                for (var c = 0; c < row.Count; c++)
                {
                    checksum += row[c] is null ? 0 : 1;
                }
            }
        }

        if (checksum == 0)
        {
            throw new InvalidOperationException("the benchmark table read back no values");
        }

        return (count, table.Snapshot.Files.Count, table.Snapshot.TotalSize, null, null, null);
    }

    /// <summary>Whole rows of 0.1% of the nested table's keys, spread evenly: every row group holds some.</summary>
    private async Task<(long, int, long, int?, int?, int?)> LookupNestedAsync(CancellationToken cancellationToken)
    {
        var table = await DeltaTable.OpenAsync(Store(), NestedTablePath, Options, cancellationToken).ConfigureAwait(false);
        var stride = 1000;
        var keys = Enumerable.Range(0, (int)(rows / stride)).Select(i => ContactRowGenerator.Key((i * (long)stride) + 7)).ToList();
        long found = 0;
        long entries = 0;
        await foreach (var batch in table.ScanAsync(Expr.In("contact_id", keys), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found += batch.Count;
            foreach (var row in batch.Rows)
            {
                entries += ((IReadOnlyList<KeyValuePair<object, object?>>)row["field_changed_at"]!).Count;
            }
        }

        if (found != keys.Count || entries != found * 10)
        {
            throw new InvalidOperationException($"nested lookup found {found} rows with {entries} change times, expected {keys.Count} rows with 10 each");
        }

        return (found, table.Snapshot.Files.Count, table.Snapshot.TotalSize, null, null, null);
    }

    /// <summary>With <paramref name="deletionVectors"/> the table first gets them enabled (one metadata commit, a no-op
    /// when already on) and the rows a new revision, so the update is real after the copy-on-write spread merge.</summary>
    private async Task<(long, int, long, int?, int?, int?)> MergeAsync(List<long> keys, bool deletionVectors, CancellationToken cancellationToken)
    {
        var table = await DeltaTable.OpenAsync(Store(), TablePath, Options, cancellationToken).ConfigureAwait(false);
        if (deletionVectors)
        {
            await table.EnableDeletionVectorsAsync(cancellationToken).ConfigureAwait(false);
        }

        var holding = await FilesHoldingAsync(table, keys.Select(ContactRowGenerator.Key).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        var filesBefore = table.Snapshot.Files.Count;
        var source = keys.Select(key => ContactRowGenerator.Contact(key, revision: deletionVectors ? 2 : 1)).ToList();
        var result = await table.MergeAsync(source, ["contact_id"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.RowsUpdated != keys.Count)
        {
            throw new InvalidOperationException($"merge updated {result.RowsUpdated} rows, expected {keys.Count}");
        }

        return (keys.Count, filesBefore, table.Snapshot.TotalSize, result.FilesRewritten, holding,
            deletionVectors ? result.FilesWithNewDeletionVector : null);
    }

    // Read only the key column of every file: which files really hold a merged key (independent of stats).
    private static async Task<int> FilesHoldingAsync(DeltaTable table, HashSet<string> keys, CancellationToken cancellationToken)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var batch in table.ScanAsync(columns: ["contact_id"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!files.Contains(batch.SourceFile) && batch.Rows.Any(row => keys.Contains((string)row[0]!)))
            {
                files.Add(batch.SourceFile);
            }
        }

        return files.Count;
    }

    /// <summary>Changed contacts from one stretch of the key space (e.g. one import batch).</summary>
    private List<long> ClusteredKeys()
    {
        var start = rows / 3;
        return Enumerable.Range(0, mergeRows).Select(i => start + (i * 3L)).Where(key => key < rows).ToList();
    }

    /// <summary>Changed contacts spread over the whole table (every file likely holds some).</summary>
    private List<long> SpreadKeys()
    {
        var stride = Math.Max(1, rows / mergeRows);
        return Enumerable.Range(0, mergeRows).Select(i => i * stride + 1).Where(key => key < rows).ToList();
    }

    private (long, int, long, int?, int?, int?) Floor(string name, Action<string> write)
    {
        var path = Path.Combine(directory, name);
        write(path);
        return (rows, 1, new FileInfo(path).Length, null, null, null);
    }

    private async Task<(long, int, long, int?, int?, int?)> FloorAsync(string name, Func<string, Task> write)
    {
        var path = Path.Combine(directory, name);
        await write(path).ConfigureAwait(false);
        return (rows, 1, new FileInfo(path).Length, null, null, null);
    }
}
