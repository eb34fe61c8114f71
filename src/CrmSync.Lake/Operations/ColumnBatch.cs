using Apache.Arrow;
using Apache.Arrow.Types;
using CrmSync.Lake.DeletionVectors;
using CrmSync.Lake.Protocol;
using StructType = CrmSync.Lake.Protocol.StructType;
using TimestampType = Apache.Arrow.Types.TimestampType;

namespace CrmSync.Lake.Operations;

/// <summary>
/// Some columns of a run of rows of one data file, as Parquet decoded them: values are read by column and row with no
/// .NET object per value (strings as their UTF-8 bytes, timestamps as microseconds). For scans that test or hash many
/// rows and keep few, where a <see cref="Row"/> per row would cost more than the test. Valid only until the scan moves
/// on to the next batch: the values live in the reader's buffers.
/// </summary>
public sealed class ColumnBatch
{
    private readonly IArrowArray?[] _columns;
    private readonly RowIndexSet _deleted;
    private readonly long _firstPosition;

    /// <param name="columns">Per column of <paramref name="schema"/>, its values as <see cref="ColumnScan"/> checked them;
    /// null for a column the file lacks (added to the table later), which reads as null.</param>
    internal ColumnBatch(StructType schema, IArrowArray?[] columns, int count, string sourceFile, long firstPosition, RowIndexSet deleted)
    {
        Schema = schema;
        _columns = columns;
        Count = count;
        SourceFile = sourceFile;
        _firstPosition = firstPosition;
        _deleted = deleted;
    }

    /// <summary>The requested columns, in the order requested.</summary>
    public StructType Schema { get; }

    /// <summary>Rows in the batch, deleted ones included (see <see cref="IsDeleted"/>).</summary>
    public int Count { get; }

    /// <summary>Path (relative to the table root) of the data file the rows come from.</summary>
    public string SourceFile { get; }

    /// <summary>True for a row the file's deletion vector deletes: it is no longer in the table.</summary>
    public bool IsDeleted(int row) => _deleted.Count > 0 && _deleted.Contains(_firstPosition + row);

    public bool IsNull(int column, int row) => _columns[column] is not { } values || values.IsNull(row);

    /// <summary>A string column's value as its UTF-8 bytes (empty for null: test <see cref="IsNull"/> first).</summary>
    public ReadOnlySpan<byte> GetUtf8(int column, int row) =>
        Column<StringArray>(column, PrimitiveType.String) is { } values ? values.GetBytes(row, out _) : [];

    /// <summary>A long column's value (0 for null).</summary>
    public long GetInt64(int column, int row) =>
        Column<Int64Array>(column, PrimitiveType.Long) is { } values ? values.Values[row] : 0;

    /// <summary>A boolean column's value (false for null).</summary>
    public bool GetBoolean(int column, int row) =>
        Column<BooleanArray>(column, PrimitiveType.Boolean) is { } values && values.GetValue(row) == true;

    /// <summary>A timestamp (or timestamp_ntz) column's value in microseconds since the Unix epoch; 0 for null. Files
    /// that store nanoseconds (Spark's INT96) are floored to microseconds, the precision of Delta timestamps.</summary>
    public long GetTimestampMicros(int column, int row)
    {
        if (Column<TimestampArray>(column, PrimitiveType.Timestamp, PrimitiveType.TimestampNtz) is not { } values)
            return 0;
        var raw = values.Values[row];
        return ((TimestampType)values.Data.DataType).Unit switch
        {
            TimeUnit.Second => raw * 1_000_000,
            TimeUnit.Millisecond => raw * 1_000,
            TimeUnit.Microsecond => raw,
            _ => raw >= 0 ? raw / 1_000 : ((raw + 1) / 1_000) - 1,
        };
    }

    private T? Column<T>(int column, PrimitiveType type, PrimitiveType? alternative = null)
        where T : class, IArrowArray
    {
        var actual = Schema[column].Type;
        if (actual != type && actual != alternative)
            throw new InvalidOperationException($"Column '{Schema[column].Name}' is of type {actual.SimpleString}, not {type.SimpleString}.");
        return (T?)_columns[column];
    }
}
