using System.Runtime.CompilerServices;
using Apache.Arrow;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;
using ParquetSharp.Arrow;
using StructType = CrmSync.Lake.Protocol.StructType;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// Streams the rows of one data file as batches (one per Arrow record batch, at most a row group), reading only the
/// Parquet leaf columns of the requested data columns. Partition columns come from the add action's partition values;
/// columns absent from the file (added to the schema later) read as null. With a <see cref="RowSelection"/>, only the
/// selected rows are built, and columns the selection does not need are converted for those rows only.
/// </summary>
internal static class ParquetDataReader
{
    public static async IAsyncEnumerable<RowBatch> ReadAsync(
        IObjectStore store,
        string fileKey,
        string displayPath,
        StructType outputSchema,
        IReadOnlyDictionary<string, object?> partitionValues,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        bool isCheckpoint = false,
        RowSelection? selection = null)
    {
        LocalFileLease file;
        try
        {
            file = await store.OpenLocalFileAsync(fileKey, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DeltaFileNotFoundException(fileKey,
                isCheckpoint ? "a checkpoint listed in the Delta log does not exist" : "a data file referenced by the Delta log does not exist", e);
        }

        using var lease = file;
        using var reader = OpenReader(file.Path, fileKey, isCheckpoint);
        var fileFields = reader.Schema.FieldsList;
        var dataColumns = new List<(int Output, string Name)>();
        var leafColumns = new List<int>();
        for (var c = 0; c < outputSchema.Count; c++)
        {
            var field = outputSchema[c];
            if (partitionValues.ContainsKey(field.Name))
                continue;
            var fileIndex = ArrowValueReader.IndexOfField(fileFields, field.Name);
            if (fileIndex < 0)
                continue;
            dataColumns.Add((c, fileFields[fileIndex].Name));
            CollectLeaves(reader.SchemaManifest.SchemaFields[fileIndex], leafColumns);
        }

        // Row counts (no data column requested) come from a separate ParquetFileReader that we own and dispose: touching
        // FileReader.ParquetReader hands out a wrapper whose finalizer can free native state the Arrow reader still uses.
        var rowGroups = Enumerable.Range(0, reader.NumRowGroups).ToArray();
        if (rowGroups.Length == 0)
            yield break;
        int[] rowCounts = [];
        if (leafColumns.Count == 0)
        {
            using var metadataReader = new ParquetSharp.ParquetFileReader(file.Path);
            rowCounts = rowGroups.Select(g =>
            {
                using var rowGroup = metadataReader.RowGroup(g);
                return checked((int)rowGroup.MetaData.NumRows);
            }).ToArray();
        }

        if (rowGroups.Length == 0)
            yield break;

        if (leafColumns.Count == 0)
        {
            // Only partition (or missing) columns requested: the row counts still come from the file.
            long start = 0;
            foreach (var count in rowCounts)
            {
                var rows = selection is null
                    ? BuildBatch(outputSchema, count, [], [], partitionValues, displayPath)
                    : BuildSelectedBatch(outputSchema, count, start, [], [], partitionValues, displayPath, selection);
                start += count;
                if (rows.Count > 0)
                    yield return rows;
            }

            yield break;
        }

        if (LateMaterializedRead.Applies(selection, dataColumns))
        {
            await foreach (var rows in LateMaterializedRead.ReadAsync(reader, file.Path, fileKey, displayPath, outputSchema, dataColumns, partitionValues,
                selection!, cancellationToken).ConfigureAwait(false))
                yield return rows;
            yield break;
        }

        using var batches = reader.GetRecordBatchReader(rowGroups, [.. leafColumns]);
        long position = 0;
        while (true)
        {
            RecordBatch? batch;
            try
            {
                batch = await batches.ReadNextRecordBatchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ParquetSharp.ParquetException or IOException)
            {
                throw Corrupt(fileKey, isCheckpoint, $"cannot be decoded: {e.Message}", e);
            }

            if (batch is null)
                yield break;
            using (batch)
            {
                var arrays = new List<IArrowArray>(dataColumns.Count);
                foreach (var (_, name) in dataColumns)
                    arrays.Add(batch.Column(batch.Schema.GetFieldIndex(name)));
                var rows = selection is null
                    ? BuildBatch(outputSchema, batch.Length, dataColumns, arrays, partitionValues, displayPath)
                    : BuildSelectedBatch(outputSchema, batch.Length, position, dataColumns, arrays, partitionValues, displayPath, selection);
                position += batch.Length;
                if (rows.Count > 0)
                    yield return rows;
            }
        }
    }

    internal static DeltaException Corrupt(string fileKey, bool isCheckpoint, string problem, Exception e) =>
        isCheckpoint ? new DeltaLogCorruptException(fileKey, problem, e) : new DeltaDataFileCorruptException(fileKey, problem, e);

    private static FileReader OpenReader(string path, string fileKey, bool isCheckpoint)
    {
        try
        {
            return new FileReader(path);
        }
        catch (Exception e) when (e is ParquetSharp.ParquetException or IOException)
        {
            throw Corrupt(fileKey, isCheckpoint, $"not a readable Parquet file: {e.Message}", e);
        }
    }

    private static RowBatch BuildBatch(
        StructType schema,
        int count,
        List<(int Output, string Name)> dataColumns,
        List<IArrowArray> arrays,
        IReadOnlyDictionary<string, object?> partitionValues,
        string displayPath)
    {
        var columns = new object?[schema.Count][];
        ForEachColumn(dataColumns.Count, count, d =>
        {
            var target = new object?[count];
            var output = dataColumns[d].Output;
            ArrowValueReader.ReadColumn(arrays[d], schema[output].Type, target);
            columns[output] = target;
        });

        var constants = new object?[schema.Count];
        for (var c = 0; c < schema.Count; c++)
            constants[c] = columns[c] is null && partitionValues.TryGetValue(schema[c].Name, out var pv) ? pv : null;
        return new RowBatch(schema, AssembleRows(schema, count, columns, constants), displayPath);
    }

    /// <summary>Picks the selected rows of a batch, then converts the other columns for those rows only.</summary>
    private static RowBatch BuildSelectedBatch(
        StructType schema,
        int count,
        long firstPosition,
        List<(int Output, string Name)> dataColumns,
        List<IArrowArray> arrays,
        IReadOnlyDictionary<string, object?> partitionValues,
        string displayPath,
        RowSelection selection)
    {
        var (rowsRead, predicateColumns, constants) = SelectRows(schema, count, firstPosition, dataColumns, arrays, partitionValues, selection);
        var columns = new object?[schema.Count][];
        foreach (var (output, values) in predicateColumns)
            columns[output] = values;
        ForEachColumn(dataColumns.Count, rowsRead.Length, d =>
        {
            var output = dataColumns[d].Output;
            if (columns[output] is not null)
                return;
            var target = new object?[rowsRead.Length];
            ArrowValueReader.ReadColumn(arrays[d], schema[output].Type, target, rowsRead);
            columns[output] = target;
        });

        return new RowBatch(schema, AssembleRows(schema, rowsRead.Length, columns, constants), displayPath,
            rowsRead.Select(r => firstPosition + r).ToArray());
    }

    /// <summary>
    /// The rows of a batch the selection keeps: candidates are rows not deleted whose raw key passes the key probe; only
    /// they are converted for the predicate. Returns the kept rows (ascending), the predicate columns' values for those
    /// rows, and the constants (partition values) of the columns the batch does not hold. Columns of
    /// <paramref name="dataColumns"/> that the predicate does not read are not touched.
    /// </summary>
    internal static (int[] Rows, List<(int Output, object?[] Values)> PredicateColumns, object?[] Constants) SelectRows(
        StructType schema,
        int count,
        long firstPosition,
        IReadOnlyList<(int Output, string Name)> dataColumns,
        IReadOnlyList<IArrowArray> arrays,
        IReadOnlyDictionary<string, object?> partitionValues,
        RowSelection selection)
    {
        var probe = new object?[schema.Count];
        for (var c = 0; c < schema.Count; c++)
            probe[c] = partitionValues.TryGetValue(schema[c].Name, out var pv) ? pv : null;

        StringArray? keyArray = null;
        if (selection.KeyProbe is { } keyProbe)
        {
            for (var d = 0; d < dataColumns.Count; d++)
            {
                if (string.Equals(dataColumns[d].Name, keyProbe.Column, StringComparison.OrdinalIgnoreCase))
                    keyArray = arrays[d] as StringArray;
            }
        }

        // The key probe first: it rejects most rows, and is cheaper than the deletion vector's search.
        var probed = new List<int>();
        if (keyArray is not null)
            selection.KeyProbe!.AddMatchingRows(keyArray, probed);
        else
            probed.AddRange(Enumerable.Range(0, count));
        var candidates = selection.IsDeleted is { } isDeleted ? probed.Where(r => !isDeleted(firstPosition + r)).ToArray() : probed.ToArray();
        var candidateValues = new List<(int Output, object?[] Values)>();
        for (var d = 0; d < dataColumns.Count; d++)
        {
            var output = dataColumns[d].Output;
            if (selection.Predicate is not null && selection.PredicateColumns.Contains(schema[output].Name, StringComparer.OrdinalIgnoreCase))
            {
                var values = new object?[candidates.Length];
                ArrowValueReader.ReadColumn(arrays[d], schema[output].Type, values, candidates);
                candidateValues.Add((output, values));
            }
        }

        var probeRow = new Row(schema, probe);
        var selected = new List<int>();
        for (var i = 0; i < candidates.Length; i++)
        {
            if (selection.Predicate is { } predicate)
            {
                foreach (var (output, values) in candidateValues)
                    probe[output] = values[i];
                if (predicate(probeRow) != true)
                    continue;
            }

            selected.Add(i);
        }

        var predicateColumns = candidateValues
            .Select(p => (p.Output, Values: selected.Select(i => p.Values[i]).ToArray()))
            .ToList();
        foreach (var (output, _) in candidateValues)
            probe[output] = null;
        return (selected.Select(i => candidates[i]).ToArray(), predicateColumns, probe);
    }

    /// <summary>Below this many values a batch is converted on one thread; above, columns convert in parallel (they are
    /// independent, and conversion, not Parquet decoding, is most of a scan's CPU).</summary>
    private const int ParallelValueThreshold = 32_768;

    private static void ForEachColumn(int columnCount, int rowCount, Action<int> convert)
    {
        if ((long)columnCount * rowCount < ParallelValueThreshold || columnCount < 2)
        {
            for (var d = 0; d < columnCount; d++)
                convert(d);
            return;
        }

        Parallel.For(0, columnCount, convert);
    }

    /// <summary>Rows from converted columns; a column left null takes its constant (partition value, or null).</summary>
    internal static Row[] AssembleRows(StructType schema, int count, object?[]?[] columns, object?[] constants)
    {
        var rows = new Row[count];
        for (var r = 0; r < count; r++)
        {
            var values = new object?[schema.Count];
            for (var c = 0; c < values.Length; c++)
                values[c] = columns[c] is { } column ? column[r] : constants[c];
            rows[r] = new Row(schema, values);
        }

        return rows;
    }

    internal static void CollectLeaves(SchemaField field, List<int> leaves)
    {
        if (field.ColumnIndex >= 0)
            leaves.Add(field.ColumnIndex);
        foreach (var child in field.Children)
            CollectLeaves(child, leaves);
    }
}
