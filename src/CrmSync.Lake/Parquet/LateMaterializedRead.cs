using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Apache.Arrow;
using CrmSync.Lake.Protocol;
using ParquetSharp;
using ParquetSharp.Arrow;
using StructType = CrmSync.Lake.Protocol.StructType;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// A key lookup's read of one data file, row group by row group: first only the filter's columns are read and the rows
/// selected; a row group with no selected row costs nothing more. The probed key column is read through Parquet's column
/// reader, each value probed as a pointer into the page (<see cref="PointColumnReader.Probe"/>), and the other filter
/// columns point-read for the rows it keeps; files where that cannot be done decode the filter columns through Arrow.
/// The other columns are then read for the selected rows only: point reads when they are few, or one Arrow decode of
/// the row group when they are many. A lookup of a few keys in a wide table thus decodes about one column of it, where a
/// plain read decodes all of them.
/// </summary>
internal static class LateMaterializedRead
{
    /// <summary>Point reads are used while the selected rows are at most this share of the row group (1/8): past that, one
    /// bulk decode costs less than skipping between them.</summary>
    private const int PointReadMaxShareDenominator = 8;

    /// <summary>Row groups of fewer rows point-read their columns one after the other: the work per column is too small
    /// to pay for handing it to another thread.</summary>
    private const int ParallelPointReadMinRows = 8_192;

    /// <summary>The read applies to a selection with a key probe on a column the file holds (a lookup, or a merge
    /// reading its key columns).</summary>
    public static bool Applies(RowSelection? selection, IReadOnlyList<(int Output, string Name)> dataColumns) =>
        selection?.KeyProbe is { } keyProbe && dataColumns.Any(d => string.Equals(d.Name, keyProbe.Column, StringComparison.OrdinalIgnoreCase));

    public static async IAsyncEnumerable<RowBatch> ReadAsync(
        FileReader reader,
        string localPath,
        string fileKey,
        string displayPath,
        StructType schema,
        IReadOnlyList<(int Output, string Name)> dataColumns,
        IReadOnlyDictionary<string, object?> partitionValues,
        RowSelection selection,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filterColumns = dataColumns.Where(d => IsFilterColumn(selection, schema, d.Output)).ToList();
        var deferredColumns = dataColumns.Where(d => !IsFilterColumn(selection, schema, d.Output)).ToList();
        var fields = reader.SchemaManifest.SchemaFields;
        var fileFields = reader.Schema.FieldsList;
        using var columnReader = OpenColumnReader(localPath, fileKey);
        var pointReaders = PointReaders(columnReader, fields, fileFields, schema, dataColumns);
        var rawKey = RawKeyColumn(selection, schema, filterColumns, pointReaders);
        long groupStart = 0;
        for (var g = 0; g < reader.NumRowGroups; g++)
        {
            using var rowGroup = columnReader.RowGroup(g);
            var groupRows = checked((int)rowGroup.MetaData.NumRows);
            var columns = new object?[]?[schema.Count];
            var (selected, constants) = rawKey is { } key
                ? await SelectByRawKeyAsync(reader, rowGroup, g, groupRows, groupStart, key, filterColumns, pointReaders, fields, fileFields, schema, partitionValues,
                    selection, columns, fileKey, cancellationToken).ConfigureAwait(false)
                : await SelectByArrowAsync(reader, g, groupStart, filterColumns, fields, fileFields, schema, partitionValues, selection, columns, fileKey,
                    cancellationToken).ConfigureAwait(false);
            if (selected.Length > 0)
            {
                var remaining = deferredColumns.Concat(filterColumns.Where(f => columns[f.Output] is null)).ToList();
                var bulk = new List<(int Output, string Name)>();
                var points = new List<(int Output, PointColumnReader Reader)>();
                var pointRead = (long)selected.Length * PointReadMaxShareDenominator <= groupRows;
                foreach (var column in remaining)
                {
                    if (pointRead && pointReaders.TryGetValue(column.Output, out var pointReader))
                        points.Add((column.Output, pointReader));
                    else
                        bulk.Add(column);
                }

                ReadPoints(rowGroup, groupRows, selected, points, columns, fileKey);
                if (bulk.Count > 0)
                    await ReadBulkAsync(reader, g, bulk, fields, fileFields, schema, selected, columns, fileKey, cancellationToken).ConfigureAwait(false);
                yield return new RowBatch(schema, ParquetDataReader.AssembleRows(schema, selected.Length, columns, constants), displayPath,
                    selected.Select(p => groupStart + p).ToArray());
            }

            groupStart += groupRows;
        }
    }

    /// <summary>The selected rows of a row group (ascending) from the filter columns decoded through Arrow, with the filter
    /// columns the predicate read put into <paramref name="columns"/> for those rows, and the constants of the columns the
    /// file does not hold.</summary>
    private static async Task<(int[] Selected, object?[] Constants)> SelectByArrowAsync(FileReader reader, int rowGroup, long groupStart,
        List<(int Output, string Name)> filterColumns, IReadOnlyList<SchemaField> fields, IReadOnlyList<Field> fileFields, StructType schema,
        IReadOnlyDictionary<string, object?> partitionValues, RowSelection selection, object?[]?[] columns, string fileKey, CancellationToken cancellationToken)
    {
        var constants = Constants(schema, partitionValues);
        var positions = new List<int>();
        var filterValues = filterColumns.Select(_ => new List<object?>()).ToList();
        await foreach (var (offset, arrays) in DecodeAsync(reader, rowGroup, filterColumns, fields, fileFields, fileKey, cancellationToken).ConfigureAwait(false))
        {
            var (rows, predicateColumns, batchConstants) = ParquetDataReader.SelectRows(schema, arrays[0].Length, groupStart + offset, filterColumns,
                arrays, partitionValues, selection);
            constants = batchConstants;
            positions.AddRange(rows.Select(r => offset + r));
            foreach (var (output, values) in predicateColumns)
                filterValues[filterColumns.FindIndex(f => f.Output == output)].AddRange(values);
        }

        var selected = positions.ToArray();
        for (var f = 0; f < filterColumns.Count; f++)
        {
            // A filter column the predicate does not read (the probed key alone) was not converted: it is read with the others.
            columns[filterColumns[f].Output] = selected.Length > 0 && filterValues[f].Count == selected.Length ? filterValues[f].ToArray() : null;
        }

        return (selected, constants);
    }

    /// <summary>The key probe's column, when the read can select rows without Arrow: the probed key is a flat string column
    /// and every other filter column can be point-read.</summary>
    private static (int Output, PointColumnReader Reader)? RawKeyColumn(RowSelection selection, StructType schema, List<(int Output, string Name)> filterColumns,
        Dictionary<int, PointColumnReader> pointReaders)
    {
        var key = filterColumns.FindIndex(f => string.Equals(schema[f.Output].Name, selection.KeyProbe!.Column, StringComparison.OrdinalIgnoreCase));
        if (key < 0 || !pointReaders.TryGetValue(filterColumns[key].Output, out var keyReader) || !keyReader.IsFlatString
            || !filterColumns.All(f => pointReaders.ContainsKey(f.Output)))
            return null;
        return (filterColumns[key].Output, keyReader);
    }

    /// <summary>
    /// The selected rows of a row group (ascending) found on the key column's raw values (<see cref="PointColumnReader.Probe"/>):
    /// the rows the probe keeps and the deletion vector does not delete are the candidates; the other filter columns are
    /// read for those only (point reads while they are few, else one Arrow decode) and the predicate runs on them. Fills
    /// <paramref name="columns"/> with the filter columns' values for the selected rows.
    /// </summary>
    private static async Task<(int[] Selected, object?[] Constants)> SelectByRawKeyAsync(FileReader reader, RowGroupReader rowGroup, int rowGroupIndex,
        int groupRows, long groupStart, (int Output, PointColumnReader Reader) key, List<(int Output, string Name)> filterColumns,
        Dictionary<int, PointColumnReader> pointReaders, IReadOnlyList<SchemaField> fields, IReadOnlyList<Field> fileFields, StructType schema,
        IReadOnlyDictionary<string, object?> partitionValues, RowSelection selection, object?[]?[] columns, string fileKey, CancellationToken cancellationToken)
    {
        var constants = Constants(schema, partitionValues);
        List<int> rows;
        List<string> keys;
        try
        {
            (rows, keys) = key.Reader.Probe(rowGroup, groupRows, selection.KeyProbe!, fileKey);
        }
        catch (ParquetException e)
        {
            throw ParquetDataReader.Corrupt(fileKey, isCheckpoint: false, $"cannot be decoded: {e.Message}", e);
        }

        var live = Enumerable.Range(0, rows.Count).Where(i => selection.IsDeleted is not { } isDeleted || !isDeleted(groupStart + rows[i])).ToList();
        if (live.Count == 0)
            return ([], constants);

        var candidates = live.Select(i => rows[i]).ToArray();
        var values = new object?[]?[schema.Count];
        values[key.Output] = live.Select(i => (object?)keys[i]).ToArray();
        var others = filterColumns.Where(f => f.Output != key.Output).ToList();
        if ((long)candidates.Length * PointReadMaxShareDenominator <= groupRows)
            ReadPoints(rowGroup, groupRows, candidates, [.. others.Select(f => (f.Output, pointReaders[f.Output]))], values, fileKey);
        else if (others.Count > 0)
            await ReadBulkAsync(reader, rowGroupIndex, others, fields, fileFields, schema, candidates, values, fileKey, cancellationToken).ConfigureAwait(false);

        var kept = Enumerable.Range(0, candidates.Length).ToList();
        if (selection.Predicate is { } predicate)
        {
            var probe = (object?[])constants.Clone();
            var probeRow = new Row(schema, probe);
            kept = kept.Where(i =>
            {
                foreach (var (output, _) in filterColumns)
                    probe[output] = values[output]![i];
                return predicate(probeRow) == true;
            }).ToList();
        }

        foreach (var (output, _) in filterColumns)
            columns[output] = kept.Select(i => values[output]![i]).ToArray();
        return ([.. kept.Select(i => candidates[i])], constants);
    }

    /// <summary>Per column of <paramref name="schema"/>: its partition value, for the columns the file does not hold.</summary>
    private static object?[] Constants(StructType schema, IReadOnlyDictionary<string, object?> partitionValues)
    {
        var constants = new object?[schema.Count];
        for (var c = 0; c < schema.Count; c++)
            constants[c] = partitionValues.TryGetValue(schema[c].Name, out var value) ? value : null;
        return constants;
    }

    /// <summary>Point-reads the columns for the selected rows; on a large row group the columns go in parallel: each pass
    /// decompresses nearly every page of its column (the kept rows of a spread lookup reach them all), columns are
    /// independent, and Parquet column readers of one row group may be used from different threads.</summary>
    private static void ReadPoints(RowGroupReader rowGroup, int groupRows, int[] selected, List<(int Output, PointColumnReader Reader)> points,
        object?[]?[] columns, string fileKey)
    {
        void Read(int p)
        {
            var (output, reader) = points[p];
            try
            {
                columns[output] = reader.Read(rowGroup, selected, fileKey);
            }
            catch (ParquetException e)
            {
                throw ParquetDataReader.Corrupt(fileKey, isCheckpoint: false, $"cannot be decoded: {e.Message}", e);
            }
        }

        if (points.Count < 2 || groupRows < ParallelPointReadMinRows)
        {
            for (var p = 0; p < points.Count; p++)
                Read(p);
            return;
        }

        try
        {
            Parallel.For(0, points.Count, Read);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    private static bool IsFilterColumn(RowSelection selection, StructType schema, int output) =>
        selection.PredicateColumns.Contains(schema[output].Name, StringComparer.OrdinalIgnoreCase)
        || string.Equals(schema[output].Name, selection.KeyProbe?.Column, StringComparison.OrdinalIgnoreCase);

    /// <summary>A point reader for each column that can be point-read as its Delta type, by output ordinal.</summary>
    private static Dictionary<int, PointColumnReader> PointReaders(ParquetFileReader columnReader, IReadOnlyList<SchemaField> fields,
        IReadOnlyList<Field> fileFields, StructType schema, IReadOnlyList<(int Output, string Name)> dataColumns)
    {
        using var metadata = columnReader.FileMetaData;
        var parquetSchema = metadata.Schema;
        var readers = new Dictionary<int, PointColumnReader>();
        foreach (var (output, name) in dataColumns)
        {
            var leaves = new List<int>();
            ParquetDataReader.CollectLeaves(fields[ArrowValueReader.IndexOfField(fileFields, name)], leaves);
            if (PointColumnReader.For(parquetSchema, leaves, schema[output].Type) is { } reader)
                readers[output] = reader;
        }

        return readers;
    }

    /// <summary>Converts the selected rows of the bulk columns from one Arrow decode of the row group.</summary>
    private static async Task ReadBulkAsync(FileReader reader, int rowGroup, List<(int Output, string Name)> bulk, IReadOnlyList<SchemaField> fields,
        IReadOnlyList<Field> fileFields, StructType schema, int[] selected, object?[]?[] columns, string fileKey, CancellationToken cancellationToken)
    {
        foreach (var column in bulk)
            columns[column.Output] = new object?[selected.Length];
        var next = 0;
        await foreach (var (offset, arrays) in DecodeAsync(reader, rowGroup, bulk, fields, fileFields, fileKey, cancellationToken).ConfigureAwait(false))
        {
            var first = next;
            while (next < selected.Length && selected[next] < offset + arrays[0].Length)
                next++;
            if (next == first)
                continue;
            var rows = selected[first..next].Select(p => p - offset).ToArray();
            for (var b = 0; b < bulk.Count; b++)
            {
                var values = new object?[rows.Length];
                ArrowValueReader.ReadColumn(arrays[b], schema[bulk[b].Output].Type, values, rows);
                values.CopyTo(columns[bulk[b].Output]!, first);
            }
        }
    }

    /// <summary>The row group's batches decoded on <paramref name="columns"/> only, each with its first row's offset in
    /// the row group and the columns' arrays in the order given.</summary>
    private static async IAsyncEnumerable<(int Offset, IReadOnlyList<IArrowArray> Arrays)> DecodeAsync(FileReader reader, int rowGroup,
        IReadOnlyList<(int Output, string Name)> columns, IReadOnlyList<SchemaField> fields, IReadOnlyList<Field> fileFields, string fileKey,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var leaves = new List<int>();
        foreach (var (_, name) in columns)
            ParquetDataReader.CollectLeaves(fields[ArrowValueReader.IndexOfField(fileFields, name)], leaves);
        using var batches = reader.GetRecordBatchReader([rowGroup], [.. leaves]);
        var offset = 0;
        while (true)
        {
            RecordBatch? batch;
            try
            {
                batch = await batches.ReadNextRecordBatchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ParquetException or IOException)
            {
                throw ParquetDataReader.Corrupt(fileKey, isCheckpoint: false, $"cannot be decoded: {e.Message}", e);
            }

            if (batch is null)
                yield break;
            using (batch)
            {
                yield return (offset, columns.Select(c => batch.Column(batch.Schema.GetFieldIndex(c.Name))).ToList());
                offset += batch.Length;
            }
        }
    }

    private static ParquetFileReader OpenColumnReader(string localPath, string fileKey)
    {
        try
        {
            return new ParquetFileReader(localPath);
        }
        catch (Exception e) when (e is ParquetException or IOException)
        {
            throw ParquetDataReader.Corrupt(fileKey, isCheckpoint: false, $"not a readable Parquet file: {e.Message}", e);
        }
    }
}
