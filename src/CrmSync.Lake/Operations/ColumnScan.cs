using System.Runtime.CompilerServices;
using Apache.Arrow;
using CrmSync.Lake.DeletionVectors;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Log;
using CrmSync.Lake.Parquet;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;
using ParquetSharp.Arrow;
using StructType = CrmSync.Lake.Protocol.StructType;

namespace CrmSync.Lake.Operations;

/// <summary>
/// Streams columns of a snapshot as <see cref="ColumnBatch"/>es: the files a filter's partition values and stats rule out
/// are skipped, the rest are decoded by Parquet (only the requested columns) and handed over as they are, without a row
/// or value object; the caller tests each row. Reads top-level string, long, boolean and timestamp columns that are not
/// partition columns.
/// </summary>
internal static class ColumnScan
{
    public static async IAsyncEnumerable<ColumnBatch> ScanAsync(IObjectStore store, Snapshot snapshot, IReadOnlyList<string> columns, Expr? fileFilter,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var schema = new StructType(columns.Select(c => snapshot.Schema[c]));
        foreach (var field in schema.Fields)
        {
            if (snapshot.PartitionColumns.Contains(field.Name, StringComparer.OrdinalIgnoreCase))
                throw new NotSupportedException($"Column '{field.Name}' is a partition column; a column scan reads data columns.");
            if (field.Type != PrimitiveType.String && field.Type != PrimitiveType.Long && field.Type != PrimitiveType.Boolean
                && field.Type != PrimitiveType.Timestamp && field.Type != PrimitiveType.TimestampNtz)
                throw new NotSupportedException($"Column '{field.Name}' is of type {field.Type.SimpleString}; a column scan reads string, long, boolean and timestamp columns.");
        }

        await foreach (var file in TableScan.SelectFilesAsync(store, snapshot, fileFilter, ct).ConfigureAwait(false))
        {
            var deleted = await DeletionVectorReader.ReadAsync(store, snapshot.TablePath, file, ct).ConfigureAwait(false);
            await foreach (var batch in ReadFileAsync(store, LogPaths.Join(snapshot.TablePath, file.DecodedPath), file.Path, schema, deleted, ct)
                .ConfigureAwait(false))
                yield return batch;
        }
    }

    private static async IAsyncEnumerable<ColumnBatch> ReadFileAsync(IObjectStore store, string fileKey, string displayPath, StructType schema,
        RowIndexSet deleted, [EnumeratorCancellation] CancellationToken ct)
    {
        LocalFileLease lease;
        try
        {
            lease = await store.OpenLocalFileAsync(fileKey, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DeltaFileNotFoundException(fileKey, "a data file referenced by the Delta log does not exist", e);
        }

        using var file = lease;
        using var reader = Open(file.Path, fileKey);
        var fileFields = reader.Schema.FieldsList;
        var fileNames = new string?[schema.Count];
        var leaves = new List<int>();
        for (var c = 0; c < schema.Count; c++)
        {
            var index = ArrowValueReader.IndexOfField(fileFields, schema[c].Name);
            if (index < 0)
                continue;
            fileNames[c] = fileFields[index].Name;
            ParquetDataReader.CollectLeaves(reader.SchemaManifest.SchemaFields[index], leaves);
        }

        if (leaves.Count == 0)
        {
            // None of the columns is in this file (all added later): its rows read as nulls.
            long start = 0;
            foreach (var count in RowGroupSizes(file.Path))
            {
                yield return new ColumnBatch(schema, new IArrowArray?[schema.Count], count, displayPath, start, deleted);
                start += count;
            }

            yield break;
        }

        using var batches = reader.GetRecordBatchReader(Enumerable.Range(0, reader.NumRowGroups).ToArray(), [.. leaves]);
        long position = 0;
        while (true)
        {
            RecordBatch? batch;
            try
            {
                batch = await batches.ReadNextRecordBatchAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ParquetSharp.ParquetException or IOException)
            {
                throw ParquetDataReader.Corrupt(fileKey, isCheckpoint: false, $"cannot be decoded: {e.Message}", e);
            }

            if (batch is null)
                yield break;
            using (batch)
            {
                var arrays = new IArrowArray?[schema.Count];
                for (var c = 0; c < schema.Count; c++)
                {
                    if (fileNames[c] is { } name)
                        arrays[c] = Checked(batch.Column(batch.Schema.GetFieldIndex(name)), schema[c], fileKey);
                }

                yield return new ColumnBatch(schema, arrays, batch.Length, displayPath, position, deleted);
                position += batch.Length;
            }
        }
    }

    /// <summary>The array, when Parquet decoded the column as the Arrow type its Delta type reads from.</summary>
    private static IArrowArray Checked(IArrowArray array, StructField field, string fileKey)
    {
        var expected = array switch
        {
            StringArray => PrimitiveType.String,
            Int64Array => PrimitiveType.Long,
            BooleanArray => PrimitiveType.Boolean,
            TimestampArray when field.Type == PrimitiveType.TimestampNtz => PrimitiveType.TimestampNtz,
            TimestampArray => PrimitiveType.Timestamp,
            _ => null,
        };
        if (expected != field.Type)
            throw new DeltaSchemaException($"Column '{field.Name}' of data file '{fileKey}' holds Arrow type {array.Data.DataType.Name}, which cannot be read as {field.Type.SimpleString}.");
        return array;
    }

    private static FileReader Open(string path, string fileKey)
    {
        try
        {
            return new FileReader(path);
        }
        catch (Exception e) when (e is ParquetSharp.ParquetException or IOException)
        {
            throw ParquetDataReader.Corrupt(fileKey, isCheckpoint: false, $"not a readable Parquet file: {e.Message}", e);
        }
    }

    /// <summary>Row counts from the file's metadata, through a reader of our own (see ParquetDataReader: the Arrow reader's
    /// own Parquet reader must not be touched).</summary>
    private static List<int> RowGroupSizes(string path)
    {
        using var metadata = new ParquetSharp.ParquetFileReader(path);
        var sizes = new List<int>(metadata.FileMetaData.NumRowGroups);
        for (var g = 0; g < metadata.FileMetaData.NumRowGroups; g++)
        {
            using var rowGroup = metadata.RowGroup(g);
            sizes.Add(checked((int)rowGroup.MetaData.NumRows));
        }

        return sizes;
    }
}
