using CrmSync.Lake;
using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Operations;
using CrmSync.Lake.Storage;

namespace CrmSync.Cli.Bench;

/// <summary>
/// The compaction phases of `crmsync bench lake`: a table fragmented the way incremental runs leave the pipeline's merged
/// tables, then the same lookup before and after OPTIMIZE. The table: the contacts written in a scrambled order into
/// <see cref="InitialFiles"/> files (as the partitions of a first load write them; random keys per file), with deletion
/// vectors and a key index on contact_id like the merged tables, then <see cref="IncrementalRuns"/> merges of 0.1% of the
/// rows spread over every file (one incremental run each: a new small file, and a deletion vector on every older file).
/// The lookup is the SpreadKeys one: 0.1% of the rows, whole rows returned, keys in every file.
/// </summary>
public sealed class CompactionBenchmark(string directory, long rows)
{
    // Made on first use: it refuses some row counts, and the other phases construct this class too.
    private readonly Lazy<ScrambledOrder> _order = new(() => new ScrambledOrder(rows, "compaction"));

    public const int InitialFiles = 80;
    public const int IncrementalRuns = 20;

    private const string TablePath = "delta/contacts_fragmented";

    private DeltaTableOptions Options => new() { MaxRowsPerFile = (int)Math.Max(1, rows / InitialFiles) };

    public async Task<(long Rows, int Files, long Bytes, int FilesRead)> WriteAsync(CancellationToken cancellationToken)
    {
        var order = _order.Value;
        var configuration = new Dictionary<string, string>
        {
            ["delta.enableDeletionVectors"] = "true",
            [KeyIndexColumns.Property] = "contact_id",
        };
        var table = await DeltaTable.CreateAsync(new LocalFileSystemStore(directory), TablePath, ContactRowGenerator.Schema,
            configuration: configuration, options: Options, cancellationToken: cancellationToken).ConfigureAwait(false);
        await table.AppendAsync(order.ContactsAsync(), cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var run = 0; run < IncrementalRuns; run++)
        {
            var source = _order.Value.SpreadRows(offset: run + 1).Select(row => ContactRowGenerator.Contact(row, revision: run + 2)).ToList();
            await table.MergeAsync(source, ["contact_id"], cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return (rows, table.Snapshot.Files.Count, table.Snapshot.TotalSize, 0);
    }

    /// <summary>IN lookup of 0.1% of the rows, spread over every file, returning whole rows.</summary>
    public async Task<(long Rows, int Files, long Bytes, int FilesRead)> LookupAsync(CancellationToken cancellationToken)
    {
        var store = new DataFileReadCounter(new LocalFileSystemStore(directory));
        var table = await DeltaTable.OpenAsync(store, TablePath, Options, cancellationToken).ConfigureAwait(false);
        var found = await _order.Value.LookUpSpreadRowsAsync(table, cancellationToken).ConfigureAwait(false);
        return (found, table.Snapshot.Files.Count, table.Snapshot.TotalSize, store.FilesRead);
    }

    /// <summary>OPTIMIZE with the default target size: rows written, files and bytes after, files compacted.</summary>
    public async Task<(long Rows, int Files, long Bytes, int FilesCompacted)> OptimizeAsync(CancellationToken cancellationToken)
    {
        var table = await DeltaTable.OpenAsync(new LocalFileSystemStore(directory), TablePath, Options, cancellationToken).ConfigureAwait(false);
        var result = await table.OptimizeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Committed)
        {
            throw new InvalidOperationException($"OPTIMIZE found nothing to compact in {result.FilesBefore} files; run the {BenchPhase.FragmentedWrite} phase first");
        }

        return (result.RowsWritten, result.FilesAfter, result.BytesAfter, result.FilesRemoved);
    }
}
