using System.Buffers;
using System.Text.Json.Nodes;
using Apache.Arrow;
using Apache.Arrow.C;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;
using ParquetSharp;
using ParquetSharp.Arrow;
using StructType = CrmSync.Lake.Protocol.StructType;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// Writes one Parquet data file incrementally: rows are converted column by column into reusable buffers and flushed
/// as a row group every <c>rowGroupRows</c> rows, so memory stays bounded. The table's codec, data page v1, except for the
/// columns given as uncompressed (a table's key-indexed string columns). Collects Delta stats while appending. The file
/// is written natively (see <see cref="ParquetOutput"/>).
/// </summary>
internal sealed class DataFileWriter : IDisposable
{
    private readonly StructType _dataSchema;
    private readonly ColumnBuilder[] _columns;
    private readonly bool[] _nullable;
    private readonly int _rowGroupRows;
    private readonly ParquetOutput _output;
    private readonly FileWriter _writer;
    private readonly Schema _arrowSchema;
    private int _pending;
    private bool _closed;

    static DataFileWriter()
    {
        // Column builders hand their pooled managed arrays to Arrow as they are, and exporting those to ParquetSharp
        // (pinned for the duration) must be switched on; copying every buffer into fresh native memory each row group
        // cost a fifth of a write. It is safe here because WriteRecordBatch encodes the batch before it returns and keeps
        // no reference to it, and the builders only write their arrays again after that.
        CArrowArrayExporter.EnableManagedMemoryExport = true;
    }

    private DataFileWriter(StructType dataSchema, string relativePath, IReadOnlyDictionary<string, string?> partitionValues,
        int rowGroupRows, DataFileCompression compression, IReadOnlyCollection<string> uncompressedColumns, ArrayPool<byte> buffers, ParquetOutput output)
    {
        _dataSchema = dataSchema;
        _rowGroupRows = rowGroupRows;
        RelativePath = relativePath;
        PartitionValues = partitionValues;
        _output = output;
        _columns = new ColumnBuilder[dataSchema.Count];
        _nullable = new bool[dataSchema.Count];
        for (var c = 0; c < _columns.Length; c++)
        {
            _columns[c] = ColumnBuilder.Create(dataSchema[c].Type, collectStats: true, buffers);
            _nullable[c] = dataSchema[c].Nullable;
        }

        _arrowSchema = ArrowSchemaMapper.ToArrowSchema(dataSchema);
        using var builder = new WriterPropertiesBuilder()
            .Compression(ParquetCodec(compression))
            .DataPageVersion(ParquetDataPageVersion.V1)
            .CreatedBy("CrmSync.Lake");
        foreach (var column in uncompressedColumns)
            builder.Compression(new ParquetSharp.Schema.ColumnPath([column]), Compression.Uncompressed);
        using var properties = builder.Build();
        using var arrowProperties = new ArrowWriterPropertiesBuilder().Build();
        _writer = output.OpenWriter(_arrowSchema, properties, arrowProperties);
    }

    public string RelativePath { get; }

    /// <summary>The codec's part of a data file name, as Spark writes it (<c>part-...-c000.zstd.parquet</c>).</summary>
    public static string FileNameSuffix(DataFileCompression compression) => compression switch
    {
        DataFileCompression.Zstd => ".zstd.parquet",
        DataFileCompression.Snappy => ".snappy.parquet",
        DataFileCompression.Lz4Raw => ".lz4raw.parquet",
        _ => ".parquet",
    };

    // ParquetSharp's Lz4 is LZ4_RAW (its Lz4Hadoop is the deprecated framing DuckDB cannot read).
    private static Compression ParquetCodec(DataFileCompression compression) => compression switch
    {
        DataFileCompression.Zstd => Compression.Zstd,
        DataFileCompression.Snappy => Compression.Snappy,
        DataFileCompression.Lz4Raw => Compression.Lz4,
        _ => Compression.Uncompressed,
    };

    public IReadOnlyDictionary<string, string?> PartitionValues { get; }

    public long NumRecords { get; private set; }

    /// <summary>A writer of a new data file; its column buffers come from <paramref name="buffers"/> and go back when it is
    /// disposed, for the next file of the same write. <paramref name="uncompressedColumns"/>: top-level columns of
    /// <paramref name="dataSchema"/> written without the codec.</summary>
    public static async Task<DataFileWriter> CreateAsync(IObjectStore store, string tablePath, StructType dataSchema,
        string relativePath, IReadOnlyDictionary<string, string?> partitionValues, int rowGroupRows, DataFileCompression compression,
        IReadOnlyCollection<string> uncompressedColumns, ArrayPool<byte> buffers, CancellationToken ct)
    {
        var output = await ParquetOutput.ToObjectAsync(store, Log.LogPaths.Join(tablePath, relativePath), ct).ConfigureAwait(false);
        try
        {
            return new DataFileWriter(dataSchema, relativePath, partitionValues, rowGroupRows, compression, uncompressedColumns, buffers, output);
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>A writer into a caller-owned stream, which gets the whole file on close (checkpoints are built in memory,
    /// then put atomically).</summary>
    public static DataFileWriter Create(Stream stream, StructType schema, int rowGroupRows)
    {
        var output = ParquetOutput.ToStream(stream);
        try
        {
            return new DataFileWriter(schema, "", new Dictionary<string, string?>(), rowGroupRows, DataFileCompression.Snappy, [], ArrayPool<byte>.Shared, output);
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>Appends the data columns of a row: the value of data column c is at row ordinal ordinals[c] (-1: absent, null).</summary>
    public void Append(Row row, int[] ordinals, long rowNumber)
    {
        var values = row.Values;
        var c = 0;
        try
        {
            for (; c < _columns.Length; c++)
            {
                var ordinal = ordinals[c];
                var value = ordinal < 0 ? null : values[ordinal];
                if (value is not null)
                    _columns[c].Append(value);
                else if (_nullable[c])
                    _columns[c].AppendNull();
                else
                    throw new DeltaSchemaException($"Row {rowNumber}: column '{_dataSchema[c].Name}' is not nullable but the value is null.");
            }
        }
        catch (InvalidCastException e)
        {
            var field = _dataSchema[c];
            throw new DeltaSchemaException($"Row {rowNumber}: column '{field.Name}' ({field.Type.SimpleString}): {e.Message}.", e);
        }

        NumRecords++;
        if (++_pending >= _rowGroupRows)
            FlushRowGroup();
    }

    private void FlushRowGroup()
    {
        if (_pending == 0)
            return;
        var arrays = new IArrowArray[_columns.Length];
        for (var c = 0; c < arrays.Length; c++)
            arrays[c] = _columns[c].Flush();
        using var batch = new RecordBatch(_arrowSchema, arrays, _pending);
        _writer.WriteRecordBatch(batch, _pending);
        _pending = 0;
    }

    /// <summary>Flushes the last row group, closes the file, publishes it and returns what the add action needs.</summary>
    public async Task<WrittenFile> CloseAsync()
    {
        FlushRowGroup();
        _writer.Close();
        _writer.Dispose();
        _closed = true;
        var size = await _output.CompleteAsync().ConfigureAwait(false);
        return new WrittenFile(RelativePath, size, NumRecords, BuildStats(), PartitionValues);
    }

    private string BuildStats()
    {
        var min = new JsonObject();
        var max = new JsonObject();
        var nulls = new JsonObject();
        for (var c = 0; c < _columns.Length; c++)
            CollectStats(_dataSchema[c].Name, _columns[c], min, max, nulls);
        return new JsonObject
        {
            ["numRecords"] = NumRecords,
            ["minValues"] = min,
            ["maxValues"] = max,
            ["nullCount"] = nulls,
        }.ToJsonString();
    }

    private static void CollectStats(string name, ColumnBuilder column, JsonObject min, JsonObject max, JsonObject nulls)
    {
        switch (column)
        {
            case ScalarColumnBuilder scalar:
                nulls[name] = scalar.NullCount;
                if (scalar.Bounds() is { } bounds)
                {
                    min[name] = bounds.Min;
                    max[name] = bounds.Max;
                }

                break;
            case StructColumnBuilder nested:
                var childMin = new JsonObject();
                var childMax = new JsonObject();
                var childNulls = new JsonObject();
                for (var i = 0; i < nested.Children.Length; i++)
                    CollectStats(nested.Type[i].Name, nested.Children[i], childMin, childMax, childNulls);
                if (childMin.Count > 0) min[name] = childMin;
                if (childMax.Count > 0) max[name] = childMax;
                if (childNulls.Count > 0) nulls[name] = childNulls;
                break;
        }
    }

    /// <summary>Returns the column buffers to the pool and releases the output; a file not closed and published is
    /// abandoned and deleted.</summary>
    public void Dispose()
    {
        if (!_closed)
        {
            _closed = true;
            _writer.Dispose();
        }

        foreach (var column in _columns)
            column.Release();
        _output.Dispose();
    }
}
