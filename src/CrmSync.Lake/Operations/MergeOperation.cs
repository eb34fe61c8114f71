using CrmSync.Lake.DeletionVectors;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Log;
using CrmSync.Lake.Parquet;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>
/// MERGE (upsert by key columns). Source keys are hashed; a target file is a candidate only if its partition values or
/// min/max stats of the first key column admit some source key (binary search over the sorted source keys) and, on a table
/// with a key index on key columns, its key filters admit some source key (random keys defeat min/max). Candidates
/// are first read on the key columns only; a file with no actual match is not rewritten. Matched files are rewritten
/// with updated / deleted / copied rows (copy-on-write) or, when the table has deletion vectors enabled, kept in place with
/// a DV marking the updated and deleted rows, which costs only the key-column read; updated rows and unmatched source
/// rows are written to new files. One commit.
/// </summary>
internal sealed class MergeOperation
{
    private static readonly IComparer<object> KeyOrder = Comparer<object>.Create(ValueComparer.Compare);

    private readonly IObjectStore _store;
    private readonly Snapshot _snapshot;
    private readonly MergeOptions _options;
    private readonly DeltaTableOptions _tableOptions;
    private readonly int[] _keyOrdinals;
    private readonly DataType[] _keyTypes;
    private readonly string[] _keyColumns;
    private readonly Dictionary<MergeKey, SourceRow> _source = [];
    private (object Low, object High)? _firstKeyRange;
    private object[]? _sortedFirstKeys;

    // Key-filter hashes of every source key, one array per indexed key column (same order as _indexedKeyColumns).
    private string[] _indexedKeyColumns = [];
    private ulong[][] _sourceKeyHashes = [];

    // Raw-byte probe of the string key column with the most distinct source values, built at the first file read
    // (-1: no string key column).
    private int _probeColumn = -1;
    private Utf8KeyProbe? _keyProbe;

    private MergeOperation(IObjectStore store, Snapshot snapshot, IReadOnlyList<string> keyColumns, MergeOptions options,
        DeltaTableOptions tableOptions)
    {
        _store = store;
        _snapshot = snapshot;
        _options = options;
        _tableOptions = tableOptions;
        if (keyColumns.Count == 0)
            throw new ArgumentException("Merge needs at least one key column.", nameof(keyColumns));
        _keyColumns = keyColumns.Select(k => snapshot.Schema[k].Name).ToArray();
        _keyOrdinals = _keyColumns.Select(snapshot.Schema.IndexOf).ToArray();
        _keyTypes = _keyOrdinals.Select(o => snapshot.Schema[o].Type).ToArray();
    }

    public static Task<MergeResult> RunAsync(IObjectStore store, Snapshot snapshot, IEnumerable<Row> source, IReadOnlyList<string> keyColumns,
        MergeOptions options, DeltaTableOptions tableOptions, CancellationToken ct) =>
        new MergeOperation(store, snapshot, keyColumns, options, tableOptions).RunAsync(source, ct);

    private async Task<MergeResult> RunAsync(IEnumerable<Row> source, CancellationToken ct)
    {
        LoadSource(source);
        var tx = new Transaction(_store, _snapshot.TablePath, _snapshot, _tableOptions, "MERGE")
        {
            Txn = _options.Txn,
            CommitMetadata = _options.CommitMetadata,
            ReadPredicate = file => MightHoldSourceKey(file, precise: true),
        };
        tx.OperationParameters["predicate"] = string.Join(" AND ", _keyColumns.Select(k => $"target.{k} = source.{k}"));
        tx.OperationParameters["matchedPredicates"] = MatchedPredicates();
        tx.OperationParameters["notMatchedPredicates"] = _options.InsertNotMatched ? "[{\"actionType\":\"insert\"}]" : "[]";

        long updated = 0, deleted = 0, copied = 0, inserted = 0;
        int rewritten = 0, skipped = 0;
        var now = tx.NowMs;
        using var writer = new TableFileWriter(_store, _snapshot, _tableOptions);
        var keySchema = new StructType(_keyOrdinals.Select(o => _snapshot.Schema[o]));
        var useDeletionVectors = TableFeatures.DeletionVectorsEnabled(_snapshot.Protocol, _snapshot.Metadata);
        var deletions = new FileRowDeletions(_store, _snapshot.TablePath);
        foreach (var file in _snapshot.Files)
        {
            if (_source.Count == 0 || !await MightHoldSourceKeyAsync(file, ct).ConfigureAwait(false))
            {
                skipped++;
                continue;
            }

            if (useDeletionVectors)
            {
                var (matched, fileUpdated, fileDeleted) = await MergeWithDeletionVectorAsync(file, keySchema, writer, deletions, ct).ConfigureAwait(false);
                if (matched)
                    tx.MarkRead(file);
                if (fileUpdated + fileDeleted == 0)
                    skipped++;
                updated += fileUpdated;
                deleted += fileDeleted;
                continue;
            }

            if (!await HasMatchAsync(file, keySchema, ct).ConfigureAwait(false))
            {
                skipped++;
                continue;
            }

            tx.MarkRead(file);
            tx.Add(file.ToRemove(now));
            rewritten++;
            await foreach (var batch in TableScan.ReadFileAsync(_store, _snapshot, file, _snapshot.Schema, ct).ConfigureAwait(false))
            {
                foreach (var row in batch.Rows)
                {
                    if (!_source.TryGetValue(KeyOf(row.Values, _keyOrdinals), out var match))
                    {
                        copied++;
                        await writer.WriteAsync(row, ct).ConfigureAwait(false);
                        continue;
                    }

                    match.Matched = true;
                    if (match.Delete)
                    {
                        deleted++;
                    }
                    else if (_options.UpdateMatched)
                    {
                        updated++;
                        await writer.WriteAsync(match.Row, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        copied++;
                        await writer.WriteAsync(row, ct).ConfigureAwait(false);
                    }
                }
            }
        }

        if (_options.InsertNotMatched)
        {
            foreach (var entry in _source.Values)
            {
                if (entry.Matched || entry.Delete)
                    continue;
                inserted++;
                await writer.WriteAsync(entry.Row, ct).ConfigureAwait(false);
            }
        }

        var files = await writer.CompleteAsync(ct).ConfigureAwait(false);
        tx.AddRange(await deletions.WriteAsync(now, ct).ConfigureAwait(false));
        tx.AddRange(WrittenFiles.ToAdds(files, now));
        tx.Metrics["numSourceRows"] = _source.Count;
        tx.Metrics["numTargetRowsInserted"] = inserted;
        tx.Metrics["numTargetRowsUpdated"] = updated;
        tx.Metrics["numTargetRowsDeleted"] = deleted;
        tx.Metrics["numTargetRowsCopied"] = copied;
        tx.Metrics["numOutputRows"] = inserted + updated + copied;
        tx.Metrics["numTargetFilesAdded"] = files.Count;
        tx.Metrics["numTargetFilesRemoved"] = rewritten + deletions.FilesRemoved;
        tx.Metrics["numTargetFilesSkipped"] = skipped;
        if (useDeletionVectors)
        {
            tx.Metrics["numTargetDeletionVectorsAdded"] = deletions.DeletionVectorsAdded;
            tx.Metrics["numTargetDeletionVectorsUpdated"] = deletions.DeletionVectorsUpdated;
            tx.Metrics["numTargetDeletionVectorsRemoved"] = deletions.DeletionVectorsRemoved;
        }

        var version = await tx.CommitAsync(ct).ConfigureAwait(false);
        return new MergeResult(new CommitResult(version, false, "MERGE", tx.Metrics), inserted, updated, deleted, copied,
            rewritten + deletions.FilesRemoved, skipped, deletions.DeletionVectorsAdded + deletions.DeletionVectorsUpdated);
    }

    private void LoadSource(IEnumerable<Row> source)
    {
        StructType? boundSchema = null;
        Func<Row, bool?>? deleteWhen = null;
        var ordinals = Array.Empty<int>();
        long rowNumber = 0;
        if (source.TryGetNonEnumeratedCount(out var count))
            _source.EnsureCapacity(count); // one table, not a doubling series of large ones
        foreach (var row in source)
        {
            ArgumentNullException.ThrowIfNull(row);
            if (!ReferenceEquals(row.Schema, boundSchema))
            {
                boundSchema = row.Schema;
                ordinals = _keyColumns.Select(k => row.Schema.TryIndexOf(k) is var i and >= 0 ? i
                    : throw new DeltaSchemaException($"Merge source row {rowNumber} has no key column '{k}'.")).ToArray();
                deleteWhen = _options.DeleteMatchedWhen?.Bind(row.Schema);
            }

            var key = KeyOf(row.Values, ordinals, rowNumber);
            if (!_source.TryAdd(key, new SourceRow(row, deleteWhen?.Invoke(row) == true)))
                throw new DeltaSchemaException($"Merge source has more than one row with key {key} (rows must be unique per key; second at source row {rowNumber}).");
            rowNumber++;
        }

        foreach (var key in _source.Keys)
        {
            _firstKeyRange = _firstKeyRange is not { } range ? (key.First, key.First)
                : (ValueComparer.Compare(key.First, range.Low) < 0 ? key.First : range.Low, ValueComparer.Compare(key.First, range.High) > 0 ? key.First : range.High);
        }

        var indexed = KeyIndexColumns.Of(_snapshot);
        var keyParts = Enumerable.Range(0, _keyColumns.Length).Where(i => indexed.Contains(_keyColumns[i], StringComparer.OrdinalIgnoreCase)).ToArray();
        _indexedKeyColumns = keyParts.Select(i => _keyColumns[i]).ToArray();
        _sourceKeyHashes = keyParts.Select(i => _source.Keys.Select(k => KeyHasher.Hash(k[i], _keyTypes[i])).ToArray()).ToArray();

        // The string key column with the most distinct source values rejects the most rows (source_id, not source_system).
        var distinct = 0;
        for (var i = 0; i < _keyTypes.Length; i++)
        {
            if (_keyTypes[i] != PrimitiveType.String)
                continue;
            var values = _keyTypes.Length == 1 ? _source.Count : _source.Keys.Select(k => (string)k[i]).Distinct(StringComparer.Ordinal).Count();
            if (_probeColumn < 0 || values > distinct)
                (_probeColumn, distinct) = (i, values);
        }
    }

    // The key set keeps a value repeated across source keys once.
    private Utf8KeyProbe? KeyProbe => _keyProbe ??= _probeColumn < 0 ? null
        : Utf8KeyProbe.For(_keyColumns[_probeColumn], [.. _source.Keys.Select(k => (string)k[_probeColumn])]);

    /// <summary>False when the file cannot hold a source key: by its partition value or the range of its first key column,
    /// then by its key hashes. The source keys are sorted (to find one between the file's bounds) only for a file without
    /// an exact key filter of the first key column.</summary>
    private async Task<bool> MightHoldSourceKeyAsync(AddFile file, CancellationToken ct)
    {
        if (!MightHoldSourceKey(file, precise: false))
            return false;
        if (_indexedKeyColumns.Length == 0)
            return MightHoldSourceKey(file, precise: true);
        var keyIndex = await KeyIndexCache.LoadAsync(_store, _snapshot.TablePath, file, ct).ConfigureAwait(false);
        return KeyIndexAdmitsSourceKey(keyIndex) && (keyIndex.KeysFor(_keyColumns[0]) is not null || MightHoldSourceKey(file, precise: true));
    }

    /// <summary>False when the file's key hashes show it holds no source key: for every source key, some indexed key
    /// column lacks that key's value. True when the file has no key hashes for the key columns.</summary>
    private bool KeyIndexAdmitsSourceKey(FileKeyIndex keyIndex)
    {
        var sets = _indexedKeyColumns.Select(keyIndex.KeysFor).ToArray();
        if (sets.All(s => s is null))
            return true;
        for (var key = 0; key < _sourceKeyHashes[0].Length; key++)
        {
            var admitted = true;
            for (var c = 0; c < sets.Length && admitted; c++)
                admitted = sets[c] is not { } keys || keys.MightContain(_sourceKeyHashes[c][key]);
            if (admitted)
                return true;
        }

        return false;
    }

    private MergeKey KeyOf(object?[] values, int[] ordinals, long sourceRowNumber = -1)
    {
        var parts = new object[ordinals.Length];
        for (var i = 0; i < ordinals.Length; i++)
        {
            var value = values[ordinals[i]];
            if (value is null)
            {
                if (sourceRowNumber >= 0)
                    throw new DeltaSchemaException($"Merge source row {sourceRowNumber}: key column '{_keyColumns[i]}' is null.");
                // A null target key never equals a source key.
                parts[i] = NullKey.Instance;
                continue;
            }

            parts[i] = sourceRowNumber >= 0 ? ValueComparer.ToColumnType(value, _keyTypes[i], _keyColumns[i]) : value;
        }

        return new MergeKey(parts);
    }

    /// <summary>False when the file's partition value or min/max of the first key column excludes every source key:
    /// <paramref name="precise"/>, a source key must lie between the bounds; otherwise the source keys' range must only
    /// overlap them.</summary>
    private bool MightHoldSourceKey(AddFile file, bool precise)
    {
        if (_firstKeyRange is not { } range)
            return false;
        var view = new FileView(file, _snapshot.Schema, _snapshot.PartitionColumns);
        if (view.TryGetPartitionValue(_keyColumns[0], out var partitionValue))
            return partitionValue is not null && Array.BinarySearch(SortedFirstKeys, partitionValue, KeyOrder) >= 0;
        if (!view.TryGetBounds(_keyColumns[0], _keyTypes[0], out var min, out var max))
            return true;
        if (!precise)
            return ValueComparer.Compare(range.High, min) >= 0 && ValueComparer.Compare(range.Low, max) <= 0;
        // First source key >= min; it must also be <= max.
        var sorted = SortedFirstKeys;
        var index = Array.BinarySearch(sorted, min, KeyOrder);
        if (index < 0)
            index = ~index;
        return index < sorted.Length && ValueComparer.Compare(sorted[index], max) <= 0;
    }

    private object[] SortedFirstKeys
    {
        get
        {
            if (_sortedFirstKeys is null)
            {
                var keys = _source.Keys.Select(k => k.First).ToArray();
                Array.Sort(keys, KeyOrder);
                _sortedFirstKeys = keys;
            }

            return _sortedFirstKeys;
        }
    }

    /// <summary>Merges one file by deletion vector: reads only its key columns with row positions; matched rows to update
    /// or delete get their positions into <paramref name="deletions"/>, and updated rows go to <paramref name="writer"/> as new
    /// rows (once per matched target row, as a rewrite would). Returns whether any key matched, and the row counts.</summary>
    private async Task<(bool Matched, long Updated, long Deleted)> MergeWithDeletionVectorAsync(AddFile file, StructType keySchema,
        TableFileWriter writer, FileRowDeletions deletions, CancellationToken ct)
    {
        var all = Enumerable.Range(0, keySchema.Count).ToArray();
        var alreadyDeleted = await DeletionVectorReader.ReadAsync(_store, _snapshot.TablePath, file, ct).ConfigureAwait(false);
        var positions = new List<long>();
        long updated = 0, deleted = 0, scanned = 0;
        var matched = false;
        var physicalRows = file.ParsedStats?.NumRecords;
        await foreach (var (rows, rowPositions, rowsScanned) in ReadKeysAsync(file, keySchema, alreadyDeleted, physicalRows is not null, ct).ConfigureAwait(false))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (!_source.TryGetValue(KeyOf(rows[i].Values, all), out var match))
                    continue;
                matched = true;
                match.Matched = true;
                if (match.Delete)
                {
                    deleted++;
                    positions.Add(rowPositions[i]);
                }
                else if (_options.UpdateMatched)
                {
                    updated++;
                    positions.Add(rowPositions[i]);
                    await writer.WriteAsync(match.Row, ct).ConfigureAwait(false);
                }
            }

            scanned = rowsScanned;
        }

        if (positions.Count > 0)
            deletions.Add(file, alreadyDeleted, positions, physicalRows ?? scanned);
        return (matched, updated, deleted);
    }

    /// <summary>The live rows of a file on its key columns, with their positions. With a string key column and a known row
    /// count, only rows whose raw key bytes are a source key's are converted (a merge of a few keys into a large table
    /// then costs a byte probe per row); otherwise every live row is, and the rows scanned are counted.</summary>
    private async IAsyncEnumerable<(IReadOnlyList<Row> Rows, IReadOnlyList<long> Positions, long RowsScanned)> ReadKeysAsync(AddFile file,
        StructType keySchema, RowIndexSet alreadyDeleted, bool rowCountKnown, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (rowCountKnown && KeyProbe is { } keyProbe)
        {
            var selection = new RowSelection(null, [], alreadyDeleted.Count > 0 ? alreadyDeleted.Contains : null, keyProbe);
            await foreach (var batch in TableScan.ReadDataFileAsync(_store, _snapshot, file, keySchema, selection, ct).ConfigureAwait(false))
                yield return (batch.Rows, batch.Positions!, 0);
            yield break;
        }

        await foreach (var batch in PositionedFileReader.ReadAsync(_store, _snapshot, file, keySchema, alreadyDeleted, ct).ConfigureAwait(false))
            yield return (batch.Rows, batch.RowIndexes, batch.RowsScanned);
    }

    private async Task<bool> HasMatchAsync(AddFile file, StructType keySchema, CancellationToken ct)
    {
        var all = Enumerable.Range(0, keySchema.Count).ToArray();
        await foreach (var batch in TableScan.ReadFileAsync(_store, _snapshot, file, keySchema, ct).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                if (_source.ContainsKey(KeyOf(row.Values, all)))
                    return true;
            }
        }

        return false;
    }

    private string MatchedPredicates()
    {
        var parts = new System.Text.Json.Nodes.JsonArray();
        if (_options.DeleteMatchedWhen is { } delete)
            parts.Add(new System.Text.Json.Nodes.JsonObject { ["predicate"] = delete.ToString(), ["actionType"] = "delete" });
        if (_options.UpdateMatched)
            parts.Add(new System.Text.Json.Nodes.JsonObject { ["actionType"] = "update" });
        return parts.ToJsonString();
    }

    private sealed class SourceRow(Row row, bool delete)
    {
        public Row Row { get; } = row;

        public bool Delete { get; } = delete;

        public bool Matched { get; set; }
    }

    private sealed class NullKey
    {
        public static readonly NullKey Instance = new();

        public override bool Equals(object? obj) => false;

        public override int GetHashCode() => 0;
    }
}
