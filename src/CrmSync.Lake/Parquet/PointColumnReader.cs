using CrmSync.Lake.Protocol;
using ParquetSharp;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// Reads the values at a few row positions of one flat column chunk through Parquet's column reader: values between
/// the positions are skipped, not decoded into Arrow arrays, so a key lookup that keeps a handful of rows of a row group
/// pays for decompressing the chunk but not for building every value. Only flat primitive columns whose physical
/// encoding maps directly onto the Delta type are read this way (<see cref="CanRead"/>); others go through Arrow.
/// </summary>
internal static class PointColumnReader
{
    private const long UnixEpochTicks = 621355968000000000L;
    private const int UnixEpochDayNumber = 719162;

    public static bool CanRead(ColumnDescriptor column, DataType type)
    {
        if (column.MaxRepetitionLevel != 0 || column.MaxDefinitionLevel > 1)
            return false;
        using var logical = column.LogicalType;
        return column.PhysicalType switch
        {
            PhysicalType.ByteArray => (type == PrimitiveType.String && logical is StringLogicalType or NoneLogicalType)
                || (type == PrimitiveType.Binary && logical is NoneLogicalType),
            PhysicalType.Int64 => (type == PrimitiveType.Long && IsSignedInt(logical, 64))
                || ((type == PrimitiveType.Timestamp || type == PrimitiveType.TimestampNtz) && logical is TimestampLogicalType { TimeUnit: ParquetSharp.TimeUnit.Micros }),
            PhysicalType.Int32 => (type == PrimitiveType.Integer && IsSignedInt(logical, 32)) || (type == PrimitiveType.Date && logical is DateLogicalType),
            PhysicalType.Boolean => type == PrimitiveType.Boolean,
            PhysicalType.Double => type == PrimitiveType.Double,
            PhysicalType.Float => type == PrimitiveType.Float,
            _ => false,
        };
    }

    /// <summary>Fills target[i] with the value at <paramref name="positions"/>[i] (ascending, within the row group).</summary>
    public static void Read(RowGroupReader rowGroup, int leaf, DataType type, int[] positions, object?[] target, string fileKey)
    {
        using var column = rowGroup.Column(leaf);
        switch (column)
        {
            case ColumnReader<ByteArray> bytes:
                ReadEach(bytes, positions, target, fileKey, value => type == PrimitiveType.String ? Utf8(value) : Bytes(value));
                break;
            case ColumnReader<long> longs when type == PrimitiveType.Long:
                ReadEach(longs, positions, target, fileKey, value => value);
                break;
            case ColumnReader<long> micros:
                ReadEach(micros, positions, target, fileKey, value => Timestamp(value, type));
                break;
            case ColumnReader<int> ints when type == PrimitiveType.Date:
                ReadEach(ints, positions, target, fileKey, value => DateOnly.FromDayNumber(UnixEpochDayNumber + value));
                break;
            case ColumnReader<int> ints:
                ReadEach(ints, positions, target, fileKey, value => value);
                break;
            case ColumnReader<bool> booleans:
                ReadEach(booleans, positions, target, fileKey, value => value);
                break;
            case ColumnReader<double> doubles:
                ReadEach(doubles, positions, target, fileKey, value => value);
                break;
            case ColumnReader<float> floats:
                ReadEach(floats, positions, target, fileKey, value => value);
                break;
            default:
                throw new InvalidOperationException($"Column {leaf} of {fileKey} cannot be point-read as {type}.");
        }
    }

    private static void ReadEach<TValue>(ColumnReader<TValue> column, int[] positions, object?[] target, string fileKey, Func<TValue, object> convert)
        where TValue : unmanaged
    {
        Span<short> definition = stackalloc short[1];
        Span<short> repetition = stackalloc short[1];
        Span<TValue> value = stackalloc TValue[1];
        long position = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            var gap = positions[i] - position;
            if (gap > 0 && column.Skip(gap) != gap)
                throw Truncated(fileKey, column.ColumnIndex);
            if (column.ReadBatch(1, definition, repetition, value, out var valuesRead) != 1)
                throw Truncated(fileKey, column.ColumnIndex);
            target[i] = valuesRead == 1 ? convert(value[0]) : null;
            position = positions[i] + 1L;
        }
    }

    private static DeltaDataFileCorruptException Truncated(string fileKey, int leaf) =>
        new(fileKey, $"column {leaf} holds fewer values than its row group's row count", null);

    private static bool IsSignedInt(LogicalType logical, int bitWidth) =>
        logical is NoneLogicalType || (logical is IntLogicalType integer && integer.BitWidth == bitWidth && integer.IsSigned);

    private static unsafe string Utf8(ByteArray value) => System.Text.Encoding.UTF8.GetString((byte*)value.Pointer, value.Length);

    private static unsafe byte[] Bytes(ByteArray value) => new ReadOnlySpan<byte>((void*)value.Pointer, value.Length).ToArray();

    /// <summary>Boxed separately: a conditional of DateTime and DateTimeOffset would silently convert the DateTime.</summary>
    private static object Timestamp(long micros, DataType type)
    {
        if (type == PrimitiveType.TimestampNtz)
            return new DateTime(UnixEpochTicks + (micros * 10), DateTimeKind.Unspecified);
        return new DateTimeOffset(UnixEpochTicks + (micros * 10), TimeSpan.Zero);
    }
}
