using System.Buffers;
using System.Text;
using CrmSync.Lake.Parquet;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>
/// Routes rows to data files: one open file per partition (<c>col=value/</c> directories, Hive-escaped), each rolled
/// after <see cref="DeltaTableOptions.MaxRowsPerFile"/> rows. Rows whose schema differs from the table's are matched by
/// column name (absent columns are null; unknown columns are an error).
/// </summary>
internal sealed class TableFileWriter(IObjectStore store, string tablePath, StructType schema, IReadOnlyList<string> partitionColumns,
    DeltaTableOptions options) : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string?> NoPartitionValues = new Dictionary<string, string?>();
    private readonly StructType _dataSchema = new(schema.Fields.Where(f => !IsPartition(partitionColumns, f.Name)));
    private readonly int[] _partitionOrdinals = partitionColumns.Select(schema.IndexOf).ToArray();
    private readonly Dictionary<string, DataFileWriter> _open = new(StringComparer.Ordinal);

    // The column buffers of this write's files: each file reuses the last one's, memory already faulted in. The shared
    // pool keeps only a few arrays per size and core, fewer than a file's columns hand back at once.
    private readonly ArrayPool<byte> _buffers = ArrayPool<byte>.Create(maxArrayLength: 1 << 30, maxArraysPerBucket: 256);
    private readonly List<WrittenFile> _written = [];
    private StructType? _lastRowSchema;
    private int[] _lastMapping = [];
    private int[] _dataOrdinals = [];
    private long _rowNumber;

    public long RowsWritten => _rowNumber;

    public async Task WriteAsync(Row row, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        var mapping = MappingFor(row.Schema);
        var (directory, partitionValues) = _partitionOrdinals.Length == 0 ? ("", NoPartitionValues) : PartitionOf(row, mapping);
        if (!_open.TryGetValue(directory, out var writer))
        {
            var relative = directory + "part-00000-" + Guid.NewGuid().ToString("D") + "-c000.snappy.parquet";
            writer = await DataFileWriter.CreateAsync(store, tablePath, _dataSchema, relative, partitionValues, options.RowGroupRows,
                _buffers, ct).ConfigureAwait(false);
            _open[directory] = writer;
        }

        writer.Append(row, _dataOrdinals, _rowNumber);
        _rowNumber++;
        if (writer.NumRecords >= options.MaxRowsPerFile)
        {
            _open.Remove(directory);
            _written.Add(await CloseAsync(writer).ConfigureAwait(false));
        }
    }

    /// <summary>The partition directory of a row (<c>col=value/</c>...) and its partition values.</summary>
    private (string Directory, IReadOnlyDictionary<string, string?> Values) PartitionOf(Row row, int[] mapping)
    {
        var partitionValues = new Dictionary<string, string?>(StringComparer.Ordinal);
        var dirKey = new StringBuilder();
        for (var p = 0; p < _partitionOrdinals.Length; p++)
        {
            var field = schema[_partitionOrdinals[p]];
            var ordinal = mapping[_partitionOrdinals[p]];
            var value = ordinal < 0 ? null : row.Values[ordinal];
            if (value is null && !field.Nullable)
                throw new DeltaSchemaException($"Row {_rowNumber}: partition column '{field.Name}' is not nullable but the value is null.");
            if (value is not null)
                value = CoercePartition(value, field);
            var text = PartitionValueCodec.Format(value);
            partitionValues[field.Name] = text;
            dirKey.Append(field.Name).Append('=')
                .Append(text is null || text.Length == 0 ? PartitionValueCodec.HiveDefaultPartition : PathCodec.EscapePartitionValue(text))
                .Append('/');
        }

        return (dirKey.ToString(), partitionValues);
    }

    /// <summary>Closes every open file and returns all files written (none is committed yet).</summary>
    public async Task<IReadOnlyList<WrittenFile>> CompleteAsync()
    {
        foreach (var writer in _open.Values)
            _written.Add(await CloseAsync(writer).ConfigureAwait(false));
        _open.Clear();
        return _written;
    }

    private static async Task<WrittenFile> CloseAsync(DataFileWriter writer)
    {
        using (writer)
            return await writer.CloseAsync().ConfigureAwait(false);
    }

    private int[] MappingFor(StructType rowSchema)
    {
        if (ReferenceEquals(rowSchema, _lastRowSchema))
            return _lastMapping;
        foreach (var field in rowSchema.Fields)
        {
            if (schema.TryIndexOf(field.Name) < 0)
                throw new DeltaSchemaException($"Row {_rowNumber}: column '{field.Name}' is not in the table schema " +
                    $"({string.Join(", ", schema.Fields.Select(f => f.Name))}).");
        }

        _lastMapping = schema.Fields.Select(f => rowSchema.TryIndexOf(f.Name)).ToArray();
        _dataOrdinals = _dataSchema.Fields.Select(f => _lastMapping[schema.IndexOf(f.Name)]).ToArray();
        _lastRowSchema = rowSchema;
        return _lastMapping;
    }

    private object CoercePartition(object value, StructField field)
    {
        try
        {
            return Expressions.ValueComparer.ToColumnType(value, field.Type, field.Name);
        }
        catch (ArgumentException e)
        {
            throw new DeltaSchemaException($"Row {_rowNumber}: partition column '{field.Name}': {e.Message}", e);
        }
    }

    private static bool IsPartition(IReadOnlyList<string> partitionColumns, string name) =>
        partitionColumns.Any(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Abandons a failed write: files still open are deleted; files already closed stay as uncommitted orphans
    /// for vacuum.</summary>
    public void Dispose()
    {
        foreach (var writer in _open.Values)
            writer.Dispose();
        _open.Clear();
    }
}
