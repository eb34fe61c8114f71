using System.Runtime.CompilerServices;
using CrmSync.Lake.DeletionVectors;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Log;
using CrmSync.Lake.Operations;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake;

/// <summary>
/// A Delta table in an <see cref="IObjectStore"/> at a path (a key prefix, '' = the store root). Holds the snapshot it
/// last read; every write refreshes to the latest version first, commits exactly one version, then moves to it.
/// Not thread-safe: use one handle per concurrent writer (they coordinate through the log).
/// </summary>
public sealed class DeltaTable
{
    private DeltaTable(IObjectStore store, string path, Snapshot snapshot, DeltaTableOptions options)
    {
        Store = store;
        Path = path;
        Snapshot = snapshot;
        Options = options;
    }

    public IObjectStore Store { get; }

    public string Path { get; }

    public DeltaTableOptions Options { get; }

    public Snapshot Snapshot { get; private set; }

    public long Version => Snapshot.Version;

    public StructType Schema => Snapshot.Schema;

    public IReadOnlyList<string> PartitionColumns => Snapshot.PartitionColumns;

    /// <summary>True when deletes and merges write deletion vectors (protocol feature supported and table property set).</summary>
    public bool DeletionVectorsEnabled => TableFeatures.DeletionVectorsEnabled(Snapshot.Protocol, Snapshot.Metadata);

    /// <summary>Columns with a key filter per data file (<see cref="KeyIndexColumns.Property"/>); empty when none.</summary>
    public IReadOnlyList<string> KeyIndexedColumns => KeyIndexColumns.Of(Snapshot);

    /// <summary>True when the path holds a Delta table (at least one commit).</summary>
    public static async Task<bool> ExistsAsync(IObjectStore store, string path, CancellationToken cancellationToken = default)
    {
        var listing = await LogSegmentBuilder.ListAsync(store, Normalize(path), cancellationToken).ConfigureAwait(false);
        return listing.LatestVersion is not null;
    }

    /// <summary>Creates a table (version 0: protocol, metaData). Throws <see cref="DeltaTableAlreadyExistsException"/> if one exists.
    /// <paramref name="configuration"/> holds table properties; <c>delta.enableDeletionVectors=true</c>
    /// (<see cref="TableFeatures.EnableDeletionVectorsProperty"/>) also puts the deletionVectors feature in the protocol, so
    /// deletes and merges mark rows deleted instead of rewriting files; <see cref="KeyIndexColumns.Property"/> gives every data file
    /// key filters on those columns (see <see cref="SetKeyIndexColumnsAsync"/>).</summary>
    public static async Task<DeltaTable> CreateAsync(
        IObjectStore store,
        string path,
        StructType schema,
        IReadOnlyList<string>? partitionColumns = null,
        IReadOnlyDictionary<string, string>? configuration = null,
        DeltaTableOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new DeltaTableOptions();
        options.Validate();
        path = Normalize(path);
        if (await ExistsAsync(store, path, cancellationToken).ConfigureAwait(false))
            throw new DeltaTableAlreadyExistsException(path);

        var partitions = (partitionColumns ?? []).Select(c => schema[c].Name).ToList();
        foreach (var column in partitions)
        {
            if (schema[column].Type is not (PrimitiveType or DecimalType))
                throw new ArgumentException($"Partition column '{column}' must have a primitive type, not {schema[column].Type}.", nameof(partitionColumns));
        }

        if (partitions.Count == schema.Count && schema.Count > 0)
            throw new ArgumentException("At least one column must not be a partition column.", nameof(partitionColumns));
        if (configuration?.TryGetValue(KeyIndexColumns.Property, out var keyIndexColumns) == true)
            KeyIndexColumns.Validate(KeyIndexColumns.Parse(keyIndexColumns), schema, partitions);

        var now = options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var metadata = new MetadataAction(Guid.NewGuid().ToString("D"), null, null, SchemaJson.Serialize(schema), partitions,
            (configuration ?? new Dictionary<string, string>()).ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal),
            now);
        var protocol = TableFeatures.ProtocolFor(schema, metadata.Configuration);
        var tx = new Transaction(store, path, null, options, "CREATE TABLE");
        tx.OperationParameters["isManaged"] = "false";
        tx.OperationParameters["description"] = "null";
        tx.OperationParameters["partitionBy"] = WrittenFiles.PartitionByJson(partitions);
        tx.OperationParameters["properties"] = System.Text.Json.JsonSerializer.Serialize(configuration ?? new Dictionary<string, string>());
        tx.Add(protocol);
        tx.Add(metadata);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await OpenAsync(store, path, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the table when it exists (its schema is not compared), otherwise creates it; safe against a concurrent create.</summary>
    public static async Task<DeltaTable> CreateIfNotExistsAsync(
        IObjectStore store,
        string path,
        StructType schema,
        IReadOnlyList<string>? partitionColumns = null,
        IReadOnlyDictionary<string, string>? configuration = null,
        DeltaTableOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await CreateAsync(store, path, schema, partitionColumns, configuration, options, cancellationToken).ConfigureAwait(false);
        }
        catch (DeltaTableAlreadyExistsException)
        {
            return await OpenAsync(store, path, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Opens the latest version.</summary>
    public static Task<DeltaTable> OpenAsync(IObjectStore store, string path, DeltaTableOptions? options = null,
        CancellationToken cancellationToken = default) =>
        LoadAsync(store, path, null, options, cancellationToken);

    /// <summary>Time travel: opens the table as of a version.</summary>
    public static Task<DeltaTable> OpenAtVersionAsync(IObjectStore store, string path, long version, DeltaTableOptions? options = null,
        CancellationToken cancellationToken = default) =>
        LoadAsync(store, path, version, options, cancellationToken);

    /// <summary>Time travel: opens the newest version committed at or before <paramref name="timestamp"/>.</summary>
    public static async Task<DeltaTable> OpenAsOfAsync(IObjectStore store, string path, DateTimeOffset timestamp,
        DeltaTableOptions? options = null, CancellationToken cancellationToken = default)
    {
        var version = await HistoryReader.VersionAsOfAsync(store, Normalize(path), timestamp, cancellationToken).ConfigureAwait(false);
        return await LoadAsync(store, path, version, options, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DeltaTable> LoadAsync(IObjectStore store, string path, long? version, DeltaTableOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new DeltaTableOptions();
        options.Validate();
        path = Normalize(path);
        var snapshot = await SnapshotLoader.LoadAsync(store, path, version, cancellationToken).ConfigureAwait(false);
        return new DeltaTable(store, path, snapshot, options);
    }

    /// <summary>Moves this handle to the latest version (applies only the newer commits).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default) =>
        Snapshot = await SnapshotLoader.UpdateAsync(Store, Snapshot, cancellationToken).ConfigureAwait(false);

    /// <summary>Streams the rows matching <paramref name="filter"/> (files skipped by partition values and stats), in batches
    /// of at most one row group; <paramref name="columns"/> projects (null = all columns, in schema order).</summary>
    public IAsyncEnumerable<RowBatch> ScanAsync(Expr? filter = null, IReadOnlyList<string>? columns = null,
        CancellationToken cancellationToken = default) =>
        TableScan.ScanAsync(Store, Snapshot, filter, columns, cancellationToken);

    /// <summary>Streams <paramref name="columns"/> (top-level string, long, boolean or timestamp data columns) as Parquet
    /// decoded them, batch by batch, with no object per row or value: for scans that test or hash many rows and keep few.
    /// <paramref name="fileFilter"/> only skips files (by partition values and stats): rows are not filtered, and rows a
    /// deletion vector deletes are flagged (<see cref="ColumnBatch.IsDeleted"/>), not removed.</summary>
    public IAsyncEnumerable<ColumnBatch> ScanColumnsAsync(IReadOnlyList<string> columns, Expr? fileFilter = null,
        CancellationToken cancellationToken = default) =>
        ColumnScan.ScanAsync(Store, Snapshot, columns, fileFilter, cancellationToken);

    /// <summary>Materialises a scan: only for results known to be small.</summary>
    public async Task<List<Row>> ToListAsync(Expr? filter = null, IReadOnlyList<string>? columns = null,
        CancellationToken cancellationToken = default)
    {
        var rows = new List<Row>();
        await foreach (var batch in ScanAsync(filter, columns, cancellationToken).ConfigureAwait(false))
            rows.AddRange(batch.Rows);
        return rows;
    }

    /// <summary>Counts matching rows (without a filter: from file stats less deletion vector cardinalities, or reading no data columns).</summary>
    public async Task<long> CountAsync(Expr? filter = null, CancellationToken cancellationToken = default)
    {
        if (filter is null && Snapshot.Files.All(f => f.LiveRecords is not null))
            return Snapshot.Files.Sum(f => f.LiveRecords!.Value);
        long count = 0;
        await foreach (var batch in ScanAsync(filter, filter is null ? [] : null, cancellationToken).ConfigureAwait(false))
            count += batch.Count;
        return count;
    }

    /// <summary>Row indexes (positions in the data file, ascending) that <paramref name="file"/>'s deletion vector deletes;
    /// empty without one. For engines that read the live data files themselves (e.g. DuckDB) and must skip those rows.</summary>
    public async Task<IReadOnlyList<long>> ReadDeletedRowIndexesAsync(AddFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var rows = await DeletionVectorReader.ReadAsync(Store, Path, file, cancellationToken).ConfigureAwait(false);
        return rows.Values.ToArray();
    }

    /// <summary>Appends rows (blind append; one commit). Rows are matched to the schema by column name.</summary>
    public Task<CommitResult> AppendAsync(IEnumerable<Row> rows, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        AppendAsync(ToAsync(rows, cancellationToken), options, cancellationToken);

    /// <summary>Appends a stream of rows (data files are rolled as they fill; memory stays bounded).</summary>
    public Task<CommitResult> AppendAsync(IAsyncEnumerable<Row> rows, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync("WRITE", options?.Txn, snapshot => AppendOperation.RunAsync(Store, snapshot, rows, options, Options, cancellationToken),
            cancellationToken);

    /// <summary>Replaces the whole table, or with <paramref name="partitionPredicate"/> (partition columns only) just the
    /// matching partitions; every new row must then match the predicate.</summary>
    public Task<CommitResult> OverwriteAsync(IEnumerable<Row> rows, Expr? partitionPredicate = null, WriteOptions? options = null,
        CancellationToken cancellationToken = default) =>
        WriteAsync("WRITE", options?.Txn,
            snapshot => OverwriteOperation.RunAsync(Store, snapshot, ToAsync(rows, cancellationToken), partitionPredicate, options, Options, cancellationToken),
            cancellationToken);

    /// <summary>Deletes the rows matching <paramref name="predicate"/> (null = all rows).</summary>
    public Task<CommitResult> DeleteAsync(Expr? predicate, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync("DELETE", options?.Txn,
            snapshot => DeleteOperation.RunAsync(Store, snapshot, predicate, options, Options, cancellationToken), cancellationToken);

    /// <summary>Upserts <paramref name="source"/> by <paramref name="keyColumns"/> (keys unique in the source).</summary>
    public async Task<MergeResult> MergeAsync(IEnumerable<Row> source, IReadOnlyList<string> keyColumns, MergeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keyColumns);
        options ??= new MergeOptions();
        MergeResult? result = null;
        var commit = await WriteAsync("MERGE", options.Txn, async snapshot =>
        {
            result = await MergeOperation.RunAsync(Store, snapshot, source, keyColumns, options, Options, cancellationToken).ConfigureAwait(false);
            return result.Commit;
        }, cancellationToken).ConfigureAwait(false);
        return result ?? new MergeResult(commit, 0, 0, 0, 0, 0, 0);
    }

    /// <summary>Turns deletion vectors on for an existing table: one commit upgrading the protocol to reader 3 / writer 7 with
    /// the deletionVectors feature and setting <c>delta.enableDeletionVectors=true</c> (Spark's ALTER TABLE SET TBLPROPERTIES).
    /// From then on deletes and merges mark replaced rows in a DV instead of rewriting their files; readers must support
    /// deletion vectors (Delta Lake 2.3+ on Spark, Databricks Runtime 12.2 LTS+). Nothing is committed when they are already enabled.</summary>
    public Task<CommitResult> EnableDeletionVectorsAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(EnableDeletionVectorsOperation.Operation, null,
            snapshot => EnableDeletionVectorsOperation.RunAsync(Store, snapshot, Options, cancellationToken), cancellationToken);

    /// <summary>Gives the table a key index on <paramref name="columns"/> (top-level string or integer columns, typically the
    /// merge key and lookup columns), or removes it with none: one metadata commit setting the table property
    /// <see cref="KeyIndexColumns.Property"/> (nothing is committed when the columns are already those). From then on every
    /// write stores a bloom filter of each new data file's values in <c>_crmsync_index/&lt;file&gt;.bloom</c>, and merges,
    /// deletes and scans with IN or = on those columns skip files whose filters hold none of the keys. Other engines ignore
    /// the property and the folder. Existing files get filters with <see cref="BuildKeyIndexAsync"/>. Like any metadata
    /// change, concurrent writers fail their commit: call it at setup.</summary>
    public Task<CommitResult> SetKeyIndexColumnsAsync(IReadOnlyList<string> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return WriteAsync("SET TBLPROPERTIES", null,
            snapshot => SetKeyIndexColumnsOperation.RunAsync(Store, snapshot, columns, Options, cancellationToken), cancellationToken);
    }

    /// <summary>Writes key filters for the live files that lack one for an indexed column (files from before
    /// <see cref="SetKeyIndexColumnsAsync"/>, from other engines, or whose sidecar was lost or corrupt): reads those
    /// files' indexed columns once. Commits nothing; safe beside concurrent writers. Returns the number of files indexed.</summary>
    public async Task<int> BuildKeyIndexAsync(CancellationToken cancellationToken = default)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return await BuildKeyIndexOperation.RunAsync(Store, Snapshot, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds nullable columns at the end of the schema (Spark's ALTER TABLE ADD COLUMNS): one commit of a new metaData
    /// action; no data file is rewritten, and rows written before read the new columns as null. Throws
    /// <see cref="DeltaSchemaException"/> naming the table and column when a column already exists, is not nullable, or needs
    /// a table feature the protocol lacks; nothing is committed when <paramref name="columns"/> is empty. A concurrent
    /// schema or protocol change is a <see cref="DeltaConcurrencyException"/>, and so is this change to a concurrent writer.</summary>
    public Task<CommitResult> AddColumnsAsync(IReadOnlyList<StructField> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return WriteAsync(AddColumnsOperation.Operation, null,
            snapshot => AddColumnsOperation.RunAsync(Store, snapshot, columns, Options, cancellationToken), cancellationToken);
    }

    /// <summary>OPTIMIZE: compacts each partition's small files, and files whose deletion vector hides many rows, into files
    /// of about the target size (<see cref="OptimizeOptions"/>), in one commit whose adds and removes have dataChange=false.
    /// Nothing is committed when no partition has anything to gain. Throws <see cref="DeltaConcurrencyException"/> when a
    /// concurrent commit removed or changed a file being compacted (its deleted rows would come back); run it again then.
    /// Time travel to earlier versions keeps working until vacuum deletes the replaced files after the retention.</summary>
    public async Task<OptimizeResult> OptimizeAsync(OptimizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OptimizeOptions();
        OptimizeResult? result = null;
        await WriteAsync(OptimizeOperation.Operation, null, async snapshot =>
        {
            result = await OptimizeOperation.RunAsync(Store, snapshot, options, Options, cancellationToken).ConfigureAwait(false);
            return result.Commit;
        }, cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <summary>Commit history, newest first.</summary>
    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        HistoryReader.ReadAsync(Store, Path, Version, limit, cancellationToken);

    /// <summary>Schema, partitioning, configuration, file count and size at the current version.</summary>
    public TableDetails Describe()
    {
        var s = Snapshot;
        return new TableDetails(Path, s.Metadata.Id, s.Metadata.Name, s.Metadata.Description, s.Version, s.Schema, s.PartitionColumns,
            s.Configuration, s.Files.Count, s.TotalSize, s.Protocol.MinReaderVersion, s.Protocol.MinWriterVersion,
            s.Protocol.ReaderFeatures ?? [], s.Protocol.WriterFeatures ?? [],
            s.Metadata.CreatedTime is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, s.CheckpointVersion);
    }

    /// <summary>Writes a checkpoint of the current version and points _last_checkpoint at it.</summary>
    public async Task<CheckpointResult> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        var size = await CheckpointWriter.WriteAsync(Store, Snapshot, Options.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new CheckpointResult(Snapshot.Version, size);
    }

    /// <summary>Deletes files no longer needed by any version within <paramref name="retention"/> (default 7 days; shorter
    /// only with <paramref name="allowShortRetention"/>). <paramref name="dryRun"/> lists without deleting.</summary>
    public async Task<VacuumResult> VacuumAsync(TimeSpan? retention = null, bool dryRun = false, bool allowShortRetention = false,
        CancellationToken cancellationToken = default)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return await VacuumOperation.RunAsync(Store, Snapshot, retention ?? VacuumOperation.DefaultRetention, dryRun, allowShortRetention,
            Options.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<CommitResult> WriteAsync(string operation, TransactionId? txn, Func<Snapshot, Task<CommitResult>> run,
        CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        TableFeatures.EnsureWritable(Snapshot.Protocol, Snapshot.Metadata, Path);
        if (txn is not null && Snapshot.GetTransactionVersion(txn.AppId) is { } committed && committed >= txn.Version)
            return new CommitResult(Snapshot.Version, true, operation, new Dictionary<string, long>());

        var result = await run(Snapshot).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        // Nothing committed (a no-op, or an OPTIMIZE plan): the version's checkpoint, if due, was written when it was committed.
        if (Options.AutoCheckpoint && !result.AlreadyCommitted && result.Version > 0 && result.Version % Snapshot.CheckpointInterval == 0)
        {
            var at = Snapshot.Version == result.Version ? Snapshot
                : await SnapshotLoader.LoadAsync(Store, Path, result.Version, cancellationToken).ConfigureAwait(false);
            await CheckpointWriter.WriteAsync(Store, at, Options.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static async IAsyncEnumerable<Row> ToAsync(IEnumerable<Row> rows, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Replace('\\', '/').Trim('/');
    }
}
