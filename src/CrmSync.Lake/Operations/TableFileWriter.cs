using System.Buffers;
using System.Text;
using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Log;
using CrmSync.Lake.Parquet;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>
/// Routes rows to data files: one open file per partition (<c>col=value/</c> directories, Hive-escaped), each rolled
/// after <see cref="DeltaTableOptions.MaxRowsPerFile"/> rows. Rows whose schema differs from the table's are matched by
/// column name (absent columns are null; unknown columns are an error). When the table has a key index
/// (<see cref="KeyIndexColumns"/>), each file's key filters are written to its sidecar before the file is handed back, so a
/// committed file's sidecar either exists or never will. <c>maxRowsPerFile</c> overrides the option (OPTIMIZE bounds its
/// files by bytes instead).
/// </summary>
internal sealed class TableFileWriter(IObjectStore store, Snapshot snapshot, DeltaTableOptions options, int? maxRowsPerFile = null)
    : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string?> NoPartitionValues = new Dictionary<string, string?>();
    private readonly string _tablePath = snapshot.TablePath;
    private readonly StructType _schema = snapshot.Schema;
    private readonly StructType _dataSchema = new(snapshot.Schema.Fields.Where(f => !IsPartition(snapshot.PartitionColumns, f.Name)));
    private readonly int[] _partitionOrdinals = snapshot.PartitionColumns.Select(snapshot.Schema.IndexOf).ToArray();
    private readonly StructField[] _indexed = KeyIndexColumns.Of(snapshot).Select(c => snapshot.Schema[c]).ToArray();

    // Key lookups and merges decode the whole key column of every file they pass; a codec makes that several times
    // dearer, and the random ids and emails these columns hold compress only about 2:1 (docs/decisions.md).
    private string[] Uncompressed => [.. _indexed.Where(f => f.Type == PrimitiveType.String).Select(f => f.Name)];
    private readonly Dictionary<string, OpenFile> _open = new(StringComparer.Ordinal);
    private readonly int _maxRowsPerFile = maxRowsPerFile ?? options.MaxRowsPerFile;

    // The column buffers of every write in the process: each file reuses the last one's, memory already faulted in and
    // zeroed once, so a stage's many merges stop allocating large arrays again. It keeps about what the most files open
    // at once needed for a row group each. ArrayPool.Shared keeps only a few arrays per size and core, fewer than a file's
    // columns hand back at once.
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(maxArrayLength: 1 << 30, maxArraysPerBucket: 256);
    private readonly List<WrittenFile> _written = [];
    private StructType? _lastRowSchema;
    private int[] _lastMapping = [];
    private int[] _dataOrdinals = [];
    private int[] _indexedOrdinals = [];
    private long _rowNumber;

    public long RowsWritten => _rowNumber;

    public async Task WriteAsync(Row row, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        var mapping = MappingFor(row.Schema);
        var (directory, partitionValues) = _partitionOrdinals.Length == 0 ? ("", NoPartitionValues) : PartitionOf(row, mapping);
        if (!_open.TryGetValue(directory, out var file))
        {
            var relative = directory + "part-00000-" + Guid.NewGuid().ToString("D") + "-c000" + DataFileWriter.FileNameSuffix(options.Compression);
            var writer = await DataFileWriter.CreateAsync(store, _tablePath, _dataSchema, relative, partitionValues, options.RowGroupRows,
                options.Compression, Uncompressed, Buffers, ct).ConfigureAwait(false);
            file = new OpenFile(writer, _indexed.Length == 0 ? null : new KeyIndexBuilder(_indexed));
            _open[directory] = file;
        }

        file.Writer.Append(row, _dataOrdinals, _rowNumber);
        file.KeyIndex?.Add(row.Values, _indexedOrdinals);

        _rowNumber++;
        if (file.Writer.NumRecords >= _maxRowsPerFile)
        {
            _open.Remove(directory);
            _written.Add(await CloseAsync(file, ct).ConfigureAwait(false));
        }
    }

    /// <summary>The partition directory of a row (<c>col=value/</c>...) and its partition values.</summary>
    private (string Directory, IReadOnlyDictionary<string, string?> Values) PartitionOf(Row row, int[] mapping)
    {
        var partitionValues = new Dictionary<string, string?>(StringComparer.Ordinal);
        var dirKey = new StringBuilder();
        for (var p = 0; p < _partitionOrdinals.Length; p++)
        {
            var field = _schema[_partitionOrdinals[p]];
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
    public async Task<IReadOnlyList<WrittenFile>> CompleteAsync(CancellationToken ct)
    {
        foreach (var file in _open.Values)
            _written.Add(await CloseAsync(file, ct).ConfigureAwait(false));
        _open.Clear();
        return _written;
    }

    private async Task<WrittenFile> CloseAsync(OpenFile file, CancellationToken ct)
    {
        WrittenFile written;
        using (file.Writer)
            written = await file.Writer.CloseAsync().ConfigureAwait(false);
        if (file.KeyIndex is { } keyIndex)
        {
            var index = keyIndex.Build();
            var key = LogPaths.Join(_tablePath, KeyIndexFile.PathFor(written.RelativePath));
            await store.PutAsync(key, KeyIndexFile.Serialize(index), ct).ConfigureAwait(false);
            KeyIndexCache.Put(store, key, index);
        }

        return written;
    }

    private int[] MappingFor(StructType rowSchema)
    {
        if (ReferenceEquals(rowSchema, _lastRowSchema))
            return _lastMapping;
        foreach (var field in rowSchema.Fields)
        {
            if (_schema.TryIndexOf(field.Name) < 0)
                throw new DeltaSchemaException($"Row {_rowNumber}: column '{field.Name}' is not in the table schema " +
                    $"({string.Join(", ", _schema.Fields.Select(f => f.Name))}).");
        }

        _lastMapping = _schema.Fields.Select(f => rowSchema.TryIndexOf(f.Name)).ToArray();
        _dataOrdinals = _dataSchema.Fields.Select(f => _lastMapping[_schema.IndexOf(f.Name)]).ToArray();
        _indexedOrdinals = _indexed.Select(f => _lastMapping[_schema.IndexOf(f.Name)]).ToArray();
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
        foreach (var file in _open.Values)
            file.Writer.Dispose();
        _open.Clear();
    }

    /// <summary>A data file being written, and the key index of its rows when the table has one.</summary>
    private sealed record OpenFile(DataFileWriter Writer, KeyIndexBuilder? KeyIndex);
}
