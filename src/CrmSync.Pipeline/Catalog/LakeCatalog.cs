using System.Collections.Concurrent;
using CrmSync.Lake;
using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Pipeline.Catalog;

/// <summary>
/// Every table of the lake by its dotted name, over one object store (local folder today, ADLS later).
/// Hands out one <see cref="DeltaTable"/> handle per table (refreshed on each open), so a stage reads
/// and writes through the Lake's API only.
/// </summary>
public sealed class LakeCatalog
{
    /// <summary>No table is partitioned: tables are merged by key and their files pruned by stats.</summary>
    private static readonly IReadOnlyList<string> Unpartitioned = [];

    // Concurrent: a stage may work on each CRM's tables at once (never on one table from two tasks).
    private readonly ConcurrentDictionary<string, DeltaTable> _open = new(StringComparer.Ordinal);

    /// <summary>Tables found to have the configured schema; each is compared once per catalog.</summary>
    private readonly HashSet<string> _current = new(StringComparer.Ordinal);

    public LakeCatalog(IObjectStore store, TableSchemas schemas, DeltaTableOptions? options = null)
    {
        Store = store;
        Schemas = schemas;
        Options = options ?? new DeltaTableOptions();
    }

    public IObjectStore Store { get; }

    public TableSchemas Schemas { get; }

    public DeltaTableOptions Options { get; }

    /// <summary>Merged tables are created with deletion vectors (lake.deletion_vectors), so a merge rewrites no file.</summary>
    public bool DeletionVectors { get; init; }

    /// <summary>A catalog over a local folder (created when missing).</summary>
    public static LakeCatalog ForDirectory(string lakeRoot, TableSchemas schemas, TimeProvider clock, bool deletionVectors = false,
        DataFileCompression compression = DataFileCompression.Zstd)
    {
        Directory.CreateDirectory(lakeRoot);
        return new LakeCatalog(new LocalFileSystemStore(lakeRoot), schemas, new DeltaTableOptions { Clock = clock, Compression = compression })
        {
            DeletionVectors = deletionVectors,
        };
    }

    public Task<bool> ExistsAsync(string table, CancellationToken cancellationToken) =>
        DeltaTable.ExistsAsync(Store, TableNames.RelativePath(table), cancellationToken);

    /// <summary>Creates the table when missing (idempotent; safe against a concurrent setup).</summary>
    public async Task<DeltaTable> CreateIfNotExistsAsync(string table, CancellationToken cancellationToken)
    {
        var configuration = new Dictionary<string, string>(StringComparer.Ordinal);
        if (WantsDeletionVectors(table))
        {
            configuration[TableFeatures.EnableDeletionVectorsProperty] = "true";
        }

        if (KeyIndexes.Of(table) is { Count: > 0 } indexed)
        {
            configuration[KeyIndexColumns.Property] = KeyIndexColumns.Format(indexed);
        }

        var handle = await DeltaTable.CreateIfNotExistsAsync(Store, TableNames.RelativePath(table), Schemas[table], Unpartitioned,
            configuration: configuration, options: Options, cancellationToken: cancellationToken).ConfigureAwait(false);
        _open[table] = handle;
        return handle;
    }

    /// <summary>Turns deletion vectors on for a merged table created before they were (or with them off); idempotent.</summary>
    public async Task<bool> EnsureDeletionVectorsAsync(string table, CancellationToken cancellationToken)
    {
        var handle = await OpenAsync(table, cancellationToken).ConfigureAwait(false);
        if (!WantsDeletionVectors(table) || handle.DeletionVectorsEnabled)
        {
            return false;
        }

        await handle.EnableDeletionVectorsAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Gives a table the key index of <see cref="KeyIndexes"/> when it has other columns indexed (a lake created
    /// before the index), including filters for the files it holds; idempotent.</summary>
    public async Task<bool> EnsureKeyIndexAsync(string table, CancellationToken cancellationToken)
    {
        var handle = await OpenAsync(table, cancellationToken).ConfigureAwait(false);
        var wanted = KeyIndexes.Of(table);
        if (handle.KeyIndexedColumns.SequenceEqual(wanted, StringComparer.Ordinal))
        {
            return false;
        }

        await handle.SetKeyIndexColumnsAsync(wanted, cancellationToken).ConfigureAwait(false);
        await handle.BuildKeyIndexAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>How the existing table differs from the schema the configuration needs.</summary>
    public async Task<TableSchemaDiff> CompareSchemaAsync(string table, CancellationToken cancellationToken)
    {
        var handle = await OpenAsync(table, cancellationToken).ConfigureAwait(false);
        return Compare(table, handle);
    }

    /// <summary>Adds the columns <paramref name="diff"/> found missing, as nullable columns at the end of the schema (one
    /// ADD COLUMNS commit); rows written before read them as null. Refuses a diff with problems.</summary>
    public async Task AddMissingColumnsAsync(TableSchemaDiff diff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(diff);
        if (diff.Problems.Count > 0)
        {
            throw new InvalidOperationException($"Table {diff.Table} cannot be brought up to date: {string.Join("; ", diff.Problems)}.");
        }

        var handle = await OpenAsync(diff.Table, cancellationToken).ConfigureAwait(false);
        await handle.AddColumnsAsync(diff.MissingColumns, cancellationToken).ConfigureAwait(false);
    }

    private bool WantsDeletionVectors(string table) => DeletionVectors && !TableNames.AppendOnly.Contains(table);

    /// <summary>The table at its latest version, whatever its schema: readers and setup open out-of-date tables too, and
    /// writers check first with <see cref="EnsureCurrentAsync(CancellationToken)"/>. A missing table is an error telling
    /// the user to run setup.</summary>
    public async Task<DeltaTable> OpenAsync(string table, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue(table, out var handle))
        {
            await handle.RefreshAsync(cancellationToken).ConfigureAwait(false);
            return handle;
        }

        try
        {
            handle = await DeltaTable.OpenAsync(Store, TableNames.RelativePath(table), Options, cancellationToken).ConfigureAwait(false);
        }
        catch (DeltaTableNotFoundException e)
        {
            throw new InvalidOperationException($"Table {table} does not exist in the lake; run `crmsync setup` first.", e);
        }

        return _open.GetOrAdd(table, handle);
    }

    /// <summary>Checks every table has each column this configuration writes, so a stage or an operator command that
    /// writes fails before it changes anything when the lake is out of date (made by an older CrmSync, a field added to the
    /// mappings, no setup since), naming the table, the columns and `crmsync setup`, instead of deep inside on the first
    /// row it writes. All tables, because a stage writes some only after others (ingest writes meta.audit_log after
    /// bronze). Extra columns (a field no longer mapped) are fine.</summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        foreach (var table in TableNames.All)
        {
            await EnsureCurrentAsync(table, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The check of <see cref="EnsureCurrentAsync(CancellationToken)"/> for one table, made once per catalog.</summary>
    public async Task EnsureCurrentAsync(string table, CancellationToken cancellationToken)
    {
        if (_current.Contains(table))
        {
            return;
        }

        var diff = Compare(table, await OpenAsync(table, cancellationToken).ConfigureAwait(false));
        if (!diff.IsCurrent)
        {
            throw new InvalidOperationException(diff.OutOfDateMessage());
        }

        _current.Add(table);
    }

    private TableSchemaDiff Compare(string table, DeltaTable handle) =>
        TableSchemaDiff.Compare(table, Schemas[table], Unpartitioned, handle.Schema, handle.PartitionColumns);
}
