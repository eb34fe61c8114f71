using System.Runtime.CompilerServices;
using CrmSync.Lake.DeletionVectors;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Log;
using CrmSync.Lake.Parquet;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>Reads a snapshot: skips files by partition values, stats and key filters, streams the rest batch by batch, filters rows
/// on the filter's columns before converting the others, and projects the requested columns (only those, plus the
/// filter's, are read from Parquet).</summary>
internal static class TableScan
{
    public static async IAsyncEnumerable<RowBatch> ScanAsync(
        IObjectStore store,
        Snapshot snapshot,
        Expr? filter,
        IReadOnlyList<string>? columns,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var schema = snapshot.Schema;
        var output = columns is null ? schema : new StructType(columns.Select(c => schema[c]));
        var readSchema = output;
        if (filter is not null)
        {
            var extra = filter.Columns.Where(c => output.TryIndexOf(c) < 0).Select(c => schema[c]).ToList();
            if (extra.Count > 0)
                readSchema = new StructType(output.Fields.Concat(extra));
        }

        var predicate = filter?.Bind(readSchema);
        RowSelection? selection = null;
        var project = !ReferenceEquals(readSchema, output);
        await foreach (var file in SelectFilesAsync(store, snapshot, filter, ct).ConfigureAwait(false))
        {
            // The key probe at the first file read: a lookup whose files are all skipped never builds it.
            selection ??= predicate is null ? null : new RowSelection(predicate, [.. filter!.Columns], isDeleted: null, Utf8KeyProbe.From(filter, readSchema));
            await foreach (var batch in ReadFileAsync(store, snapshot, file, readSchema, ct, selection).ConfigureAwait(false))
            {
                if (!project)
                {
                    yield return batch;
                    continue;
                }

                var rows = new Row[batch.Count];
                for (var i = 0; i < rows.Length; i++)
                    rows[i] = new Row(output, batch.Rows[i].Values[..output.Count]);
                yield return new RowBatch(output, rows, batch.SourceFile);
            }
        }
    }

    /// <summary>The live files that might hold rows matching <paramref name="filter"/>. A file that passes its stats is
    /// checked again with its key filters when the filter looks keys up in indexed columns (loaded lazily, cached).</summary>
    public static async IAsyncEnumerable<AddFile> SelectFilesAsync(IObjectStore store, Snapshot snapshot, Expr? filter,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var indexed = filter is null ? [] : KeyIndexColumns.Of(snapshot);
        var useKeyIndex = filter is not null && KeyLookupColumns.Of(filter).Any(c => indexed.Contains(c, StringComparer.OrdinalIgnoreCase));
        foreach (var file in snapshot.Files)
        {
            if (filter is not null && !filter.MightMatch(new FileView(file, snapshot.Schema, snapshot.PartitionColumns, FileKeyIndex.None,
                    useKeyIndex ? indexed : null)))
                continue;
            if (useKeyIndex)
            {
                var keyIndex = await KeyIndexCache.LoadAsync(store, snapshot.TablePath, file, ct).ConfigureAwait(false);
                if (!filter!.MightMatch(new FileView(file, snapshot.Schema, snapshot.PartitionColumns, keyIndex)))
                    continue;
            }

            yield return file;
        }
    }

    /// <summary>The live rows of one file in <paramref name="readSchema"/> (a subset of the table columns): rows its deletion
    /// vector deletes are skipped, before any column is converted.</summary>
    public static async IAsyncEnumerable<RowBatch> ReadFileAsync(IObjectStore store, Snapshot snapshot, AddFile file, StructType readSchema,
        [EnumeratorCancellation] CancellationToken ct, RowSelection? selection = null)
    {
        var deleted = await DeletionVectorReader.ReadAsync(store, snapshot.TablePath, file, ct).ConfigureAwait(false);
        if (deleted.Count > 0)
            selection = selection?.WithDeleted(deleted.Contains) ?? new RowSelection(null, [], deleted.Contains);
        await foreach (var batch in ReadDataFileAsync(store, snapshot, file, readSchema, selection, ct).ConfigureAwait(false))
            yield return batch;
    }

    /// <summary>The rows of the data file behind <paramref name="file"/> in file order, deletion vector not applied.</summary>
    public static IAsyncEnumerable<RowBatch> ReadDataFileAsync(IObjectStore store, Snapshot snapshot, AddFile file, StructType readSchema,
        RowSelection? selection, CancellationToken ct)
    {
        var partitionValues = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in snapshot.PartitionColumns)
        {
            file.PartitionValues.TryGetValue(column, out var text);
            partitionValues[column] = PartitionValueCodec.Parse(text, snapshot.Schema[column].Type, column);
        }

        var key = LogPaths.Join(snapshot.TablePath, file.DecodedPath);
        return ParquetDataReader.ReadAsync(store, key, file.Path, readSchema, partitionValues, ct, selection: selection);
    }
}
