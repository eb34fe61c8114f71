using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Storage;

namespace CrmSync.Cli.Bench;

/// <summary>
/// The key index phases of `crmsync bench lake`: the contact rows written in a scrambled order into 20 files, so every
/// file's contact_id range spans nearly the whole key space (as GUID or email keys do) and min/max skips nothing; then a
/// merge of 200 keys and an IN lookup of 200 keys, each on a table with a key index on contact_id and on one without.
/// The 200 keys are 100 contacts of the last file written (say, the latest import, edited again) and 100 new ones.
/// Both tables use deletion vectors, as the pipeline's merged tables do. The spread phases look up and merge 0.1% of the
/// rows (1,000 of 1M) chosen evenly over the write order, so every file holds some: an incremental run's lookups, which
/// no file index can skip, pay for reading the key column and then only the selected rows.
/// </summary>
public sealed class KeyIndexBenchmark(string directory, long rows)
{
    // Made on first use: it refuses some row counts, and the other phases construct this class too.
    private readonly Lazy<ScrambledOrder> _order = new(() => new ScrambledOrder(rows, "key index"));

    public const int FileCount = 20;
    public const int ProbeKeys = 200;

    private long RowsPerFile => Math.Max(1, rows / FileCount);

    private static string TablePath(bool indexed) => indexed ? "delta/contacts_key_index" : "delta/contacts_no_index";

    public async Task<(long Rows, int Files, long Bytes, int FilesRead)> WriteAsync(bool indexed, CancellationToken cancellationToken)
    {
        var order = _order.Value;
        var configuration = new Dictionary<string, string> { ["delta.enableDeletionVectors"] = "true" };
        if (indexed)
        {
            configuration[KeyIndexColumns.Property] = "contact_id";
        }

        var table = await DeltaTable.CreateAsync(new LocalFileSystemStore(directory), TablePath(indexed), ContactRowGenerator.Schema,
            configuration: configuration, options: Options, cancellationToken: cancellationToken).ConfigureAwait(false);
        await table.AppendAsync(order.ContactsAsync(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return (rows, table.Snapshot.Files.Count, table.Snapshot.TotalSize, 0);
    }

    public async Task<(long Rows, int Files, long Bytes, int FilesRead, int FilesRewritten, int FilesWithNewDeletionVector)> MergeAsync(bool indexed,
        CancellationToken cancellationToken)
    {
        var store = new DataFileReadCounter(new LocalFileSystemStore(directory));
        var table = await DeltaTable.OpenAsync(store, TablePath(indexed), Options, cancellationToken).ConfigureAwait(false);
        var files = table.Snapshot.Files.Count;
        var source = ProbeRows().Select(row => ContactRowGenerator.Contact(row, revision: 1)).ToList();
        var result = await table.MergeAsync(source, ["contact_id"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.RowsUpdated + result.RowsInserted != ProbeKeys)
        {
            throw new InvalidOperationException($"merge updated {result.RowsUpdated} and inserted {result.RowsInserted} rows, expected {ProbeKeys} in all");
        }

        return (ProbeKeys, files, table.Snapshot.TotalSize, store.FilesRead, result.FilesRewritten, result.FilesWithNewDeletionVector);
    }

    public async Task<(long Rows, int Files, long Bytes, int FilesRead)> LookupAsync(bool indexed, CancellationToken cancellationToken)
    {
        var store = new DataFileReadCounter(new LocalFileSystemStore(directory));
        var table = await DeltaTable.OpenAsync(store, TablePath(indexed), Options, cancellationToken).ConfigureAwait(false);
        // Other keys than the merge's: 100 held by the first file, 100 absent.
        var keys = Enumerable.Range(0, ProbeKeys / 2).Select(i => RowAt(i * 7)).Concat(Enumerable.Range(0, ProbeKeys / 2).Select(i => rows + 10_000 + i))
            .Select(ContactRowGenerator.Key).ToList();
        var found = await table.CountAsync(Expr.In("contact_id", keys), cancellationToken).ConfigureAwait(false);
        if (found != ProbeKeys / 2)
        {
            throw new InvalidOperationException($"lookup found {found} rows, expected {ProbeKeys / 2}");
        }

        return (found, table.Snapshot.Files.Count, table.Snapshot.TotalSize, store.FilesRead);
    }

    /// <summary>IN lookup of 0.1% of the rows, spread over every file, returning whole rows (as the pipeline's lookups do).</summary>
    public async Task<(long Rows, int Files, long Bytes, int FilesRead)> SpreadLookupAsync(CancellationToken cancellationToken)
    {
        var store = new DataFileReadCounter(new LocalFileSystemStore(directory));
        var table = await DeltaTable.OpenAsync(store, TablePath(indexed: false), Options, cancellationToken).ConfigureAwait(false);
        var found = await _order.Value.LookUpSpreadRowsAsync(table, cancellationToken).ConfigureAwait(false);
        return (found, table.Snapshot.Files.Count, table.Snapshot.TotalSize, store.FilesRead);
    }

    /// <summary>Merge (update) of the same 0.1% of the rows.</summary>
    public async Task<(long Rows, int Files, long Bytes, int FilesRead, int FilesRewritten, int FilesWithNewDeletionVector)> SpreadMergeAsync(
        CancellationToken cancellationToken)
    {
        var store = new DataFileReadCounter(new LocalFileSystemStore(directory));
        var table = await DeltaTable.OpenAsync(store, TablePath(indexed: false), Options, cancellationToken).ConfigureAwait(false);
        var files = table.Snapshot.Files.Count;
        var source = _order.Value.SpreadRows().Select(row => ContactRowGenerator.Contact(row, revision: 2)).ToList();
        var result = await table.MergeAsync(source, ["contact_id"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.RowsUpdated != source.Count)
        {
            throw new InvalidOperationException($"merge updated {result.RowsUpdated} rows, expected {source.Count}");
        }

        return (source.Count, files, table.Snapshot.TotalSize, store.FilesRead, result.FilesRewritten, result.FilesWithNewDeletionVector);
    }

    private DeltaTableOptions Options => new() { MaxRowsPerFile = (int)RowsPerFile };

    /// <summary>Half of the last file's contacts (revised) and half new contacts.</summary>
    private IEnumerable<long> ProbeRows() =>
        Enumerable.Range(0, ProbeKeys / 2).Select(i => RowAt((FileCount - 1) * RowsPerFile + i * 11))
            .Concat(Enumerable.Range(0, ProbeKeys / 2).Select(i => rows + i));

    private long RowAt(long position) => _order.Value.RowAt(position);
}
