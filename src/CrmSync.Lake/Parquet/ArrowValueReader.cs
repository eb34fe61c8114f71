using System.Data.SqlTypes;
using Apache.Arrow;
using Apache.Arrow.Types;
using CrmSync.Lake.Protocol;
using ArrayType = CrmSync.Lake.Protocol.ArrayType;
using MapType = CrmSync.Lake.Protocol.MapType;
using StructType = CrmSync.Lake.Protocol.StructType;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// Converts Arrow arrays (as ParquetSharp decodes Parquet) into row values of the Delta type. Physical encodings are
/// resolved here: INT96 / TIMESTAMP_MILLIS / MICROS timestamps, INT32 / INT64 / FIXED_LEN_BYTE_ARRAY decimals.
/// </summary>
internal static class ArrowValueReader
{
    private const long UnixEpochTicks = 621355968000000000L;
    private const int UnixEpochDayNumber = 719162;

    /// <summary>Fills <paramref name="target"/> with the values of a top-level column: all of them, or only the rows in
    /// <paramref name="rows"/> (ascending positions in the array), target[i] holding row rows[i].</summary>
    public static void ReadColumn(IArrowArray array, DataType type, object?[] target, int[]? rows = null)
    {
        var n = rows?.Length ?? array.Length;
        switch (array)
        {
            // Fast paths for the common columns: one typed loop, no per-value type dispatch.
            case StringArray s when type == PrimitiveType.String:
                var strings = new Utf8StringCache(n);
                for (var i = 0; i < n; i++)
                    target[i] = ReadString(s, rows is null ? i : rows[i], strings);
                return;
            case Int64Array l when type == PrimitiveType.Long:
                for (var i = 0; i < n; i++)
                    target[i] = l.GetValue(rows is null ? i : rows[i]) is { } v ? v : null;
                return;
            case Int32Array a when type == PrimitiveType.Integer:
                for (var i = 0; i < n; i++)
                    target[i] = a.GetValue(rows is null ? i : rows[i]) is { } v ? v : null;
                return;
            case DoubleArray a when type == PrimitiveType.Double:
                for (var i = 0; i < n; i++)
                    target[i] = a.GetValue(rows is null ? i : rows[i]) is { } v ? v : null;
                return;
            case BooleanArray a when type == PrimitiveType.Boolean:
                for (var i = 0; i < n; i++)
                    target[i] = a.GetValue(rows is null ? i : rows[i]) is { } v ? Boxed(v) : null;
                return;
            case TimestampArray t when type == PrimitiveType.Timestamp && ((TimestampType)t.Data.DataType).Unit == TimeUnit.Microsecond:
                var values = t.Values;
                for (var i = 0; i < n; i++)
                {
                    var r = rows is null ? i : rows[i];
                    target[i] = t.IsNull(r) ? null : MicrosToTimestamp(values[r]);
                }

                return;
            case MapArray m when type is MapType mapType && m.Keys is StringArray keys && mapType.KeyType == PrimitiveType.String:
                var keyStrings = new Utf8StringCache(n);
                var valueStrings = new Utf8StringCache(n);
                for (var i = 0; i < n; i++)
                {
                    var r = rows is null ? i : rows[i];
                    target[i] = m.IsNull(r) ? null : ReadStringKeyedMap(m, keys, r, mapType, keyStrings, valueStrings);
                }

                return;
            default:
                for (var i = 0; i < n; i++)
                    target[i] = ReadValue(array, rows is null ? i : rows[i], type);
                return;
        }
    }

    public static object? ReadValue(IArrowArray array, int index, DataType type)
    {
        if (array.IsNull(index))
            return null;
        switch (array)
        {
            case StringArray s:
                return s.GetString(index);
            case Int64Array a:
                return Widen(a.GetValue(index)!.Value, type);
            case Int32Array a:
                return Widen(a.GetValue(index)!.Value, type);
            case Int16Array a:
                return Widen(a.GetValue(index)!.Value, type);
            case Int8Array a:
                return Widen(a.GetValue(index)!.Value, type);
            case UInt8Array a:
                return Widen(a.GetValue(index)!.Value, type);
            case FloatArray a when type == PrimitiveType.Double:
                return (double)a.GetValue(index)!.Value;
            case FloatArray a:
                return a.GetValue(index)!.Value;
            case DoubleArray a:
                return a.GetValue(index)!.Value;
            case BooleanArray a:
                return a.GetValue(index)!.Value;
            case BinaryArray a:
                return type == PrimitiveType.String
                    ? System.Text.Encoding.UTF8.GetString(a.GetBytes(index))
                    : a.GetBytes(index).ToArray();
            case Date32Array a:
                return DateOnly.FromDayNumber(UnixEpochDayNumber + a.GetValue(index)!.Value);
            case Date64Array a:
                return DateOnly.FromDayNumber(UnixEpochDayNumber + (int)(a.GetValue(index)!.Value / 86_400_000L));
            case TimestampArray a:
                return ReadTimestamp(a, index, type);
            case Decimal128Array a:
                return a.GetSqlDecimal(index)!.Value;
            case StructArray a:
                return ReadStruct(a, index, type as StructType ?? throw Mismatch(array, type));
            case MapArray a:
                return ReadMap(a, index, type as MapType ?? throw Mismatch(array, type));
            case ListArray a:
                return ReadList(a, index, type as ArrayType ?? throw Mismatch(array, type));
            case DictionaryArray a:
                return ReadValue(a.Dictionary, ((Int32Array)a.Indices).GetValue(index)!.Value, type);
            default:
                throw Mismatch(array, type);
        }
    }

    private static object Widen(long value, DataType type)
    {
        if (type == PrimitiveType.Long) return value;
        if (type == PrimitiveType.Integer) return (int)value;
        if (type == PrimitiveType.Short) return (short)value;
        if (type == PrimitiveType.Byte) return (sbyte)value;
        if (type == PrimitiveType.Double) return (double)value;
        if (type == PrimitiveType.Float) return (float)value;
        if (type == PrimitiveType.Date) return DateOnly.FromDayNumber(UnixEpochDayNumber + (int)value);
        if (type is DecimalType d) return SqlDecimal.ConvertToPrecScale(new SqlDecimal(value), d.Precision, d.Scale);
        return value;
    }

    private static object ReadTimestamp(TimestampArray a, int index, DataType type)
    {
        var raw = a.GetValue(index)!.Value;
        var unit = ((TimestampType)a.Data.DataType).Unit;
        var ticksSinceEpoch = unit switch
        {
            TimeUnit.Second => raw * TimeSpan.TicksPerSecond,
            TimeUnit.Millisecond => raw * TimeSpan.TicksPerMillisecond,
            TimeUnit.Microsecond => raw * 10,
            _ => FloorDiv(raw, 100),
        };
        // Boxed separately: a conditional of DateTime and DateTimeOffset would silently convert the DateTime.
        if (type == PrimitiveType.TimestampNtz)
            return new DateTime(UnixEpochTicks + ticksSinceEpoch, DateTimeKind.Unspecified);
        return new DateTimeOffset(UnixEpochTicks + ticksSinceEpoch, TimeSpan.Zero);
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : ((a + 1) / b) - 1;

    private static Row ReadStruct(StructArray a, int index, StructType type)
    {
        var values = new object?[type.Count];
        var arrowFields = ((Apache.Arrow.Types.StructType)a.Data.DataType).Fields;
        for (var f = 0; f < type.Count; f++)
        {
            var childIndex = IndexOfField(arrowFields, type[f].Name);
            if (childIndex >= 0)
                values[f] = ReadValue(a.Fields[childIndex], index, type[f].Type);
        }

        return new Row(type, values);
    }

    private static List<object?> ReadList(ListArray a, int index, ArrayType type)
    {
        var start = a.ValueOffsets[index];
        var end = a.ValueOffsets[index + 1];
        var list = new List<object?>(end - start);
        for (var i = start; i < end; i++)
            list.Add(ReadValue(a.Values, i, type.ElementType));
        return list;
    }

    private static List<KeyValuePair<object, object?>> ReadMap(MapArray a, int index, MapType type)
    {
        var start = a.ValueOffsets[index];
        var end = a.ValueOffsets[index + 1];
        var list = new List<KeyValuePair<object, object?>>(end - start);
        for (var i = start; i < end; i++)
            list.Add(new(ReadValue(a.Keys, i, type.KeyType)!, ReadValue(a.Values, i, type.ValueType)));
        return list;
    }

    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    private static object Boxed(bool value) => value ? BoxedTrue : BoxedFalse;

    private static DateTimeOffset MicrosToTimestamp(long micros) => new(UnixEpochTicks + (micros * 10), TimeSpan.Zero);

    private static string? ReadString(StringArray array, int index, Utf8StringCache strings) =>
        array.IsNull(index) ? null : strings.Get(array.GetBytes(index));

    /// <summary>A map with string keys, its values read by a typed loop when they are strings or microsecond timestamps.</summary>
    private static List<KeyValuePair<object, object?>> ReadStringKeyedMap(MapArray a, StringArray keys, int index, MapType type,
        Utf8StringCache keyStrings, Utf8StringCache valueStrings)
    {
        var offsets = a.ValueOffsets;
        var start = offsets[index];
        var end = offsets[index + 1];
        var list = new List<KeyValuePair<object, object?>>(end - start);
        switch (a.Values)
        {
            case StringArray values when type.ValueType == PrimitiveType.String:
                for (var i = start; i < end; i++)
                    list.Add(new(ReadString(keys, i, keyStrings)!, ReadString(values, i, valueStrings)));
                break;
            case TimestampArray values when type.ValueType == PrimitiveType.Timestamp && ((TimestampType)values.Data.DataType).Unit == TimeUnit.Microsecond:
                var raw = values.Values;
                for (var i = start; i < end; i++)
                    list.Add(new(ReadString(keys, i, keyStrings)!, values.IsNull(i) ? null : MicrosToTimestamp(raw[i])));
                break;
            default:
                for (var i = start; i < end; i++)
                    list.Add(new(ReadString(keys, i, keyStrings)!, ReadValue(a.Values, i, type.ValueType)));
                break;
        }

        return list;
    }

    internal static int IndexOfField(IReadOnlyList<Field> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name == name)
                return i;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        }

        return -1;
    }

    private static DeltaSchemaException Mismatch(IArrowArray array, DataType type) =>
        new($"Parquet column of Arrow type {array.Data.DataType.Name} cannot be read as Delta type {type.SimpleString}.");
}
