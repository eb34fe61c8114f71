using System.Data.SqlTypes;
using System.Globalization;
using System.Text.Json.Nodes;
using Apache.Arrow.Types;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Parquet;

// The fixed-width Delta types. Each converter tries the documented CLR type (Row.cs) first and leaves every other
// accepted type, and the error message, to ValueCoercion.

internal readonly struct LongValues : IFixedWidthValues<long>
{
    public IArrowType ArrowType => Int64Type.Default;

    public long Convert(object value) => value is long l ? l : ValueCoercion.ToLong(value);

    public bool IsOrderable(long value) => true;

    public JsonNode MinStat(long value) => StatsFormat.Integer(value);

    public JsonNode MaxStat(long value) => StatsFormat.Integer(value);
}

internal readonly struct IntValues : IFixedWidthValues<int>
{
    public IArrowType ArrowType => Int32Type.Default;

    public int Convert(object value) => value is int i ? i : ValueCoercion.ToInt(value);

    public bool IsOrderable(int value) => true;

    public JsonNode MinStat(int value) => StatsFormat.Integer(value);

    public JsonNode MaxStat(int value) => StatsFormat.Integer(value);
}

internal readonly struct ShortValues : IFixedWidthValues<short>
{
    public IArrowType ArrowType => Int16Type.Default;

    public short Convert(object value) => value is short s ? s : ValueCoercion.ToShort(value);

    public bool IsOrderable(short value) => true;

    public JsonNode MinStat(short value) => StatsFormat.Integer(value);

    public JsonNode MaxStat(short value) => StatsFormat.Integer(value);
}

internal readonly struct ByteValues : IFixedWidthValues<sbyte>
{
    public IArrowType ArrowType => Int8Type.Default;

    public sbyte Convert(object value) => value is sbyte b ? b : ValueCoercion.ToByte(value);

    public bool IsOrderable(sbyte value) => true;

    public JsonNode MinStat(sbyte value) => StatsFormat.Integer(value);

    public JsonNode MaxStat(sbyte value) => StatsFormat.Integer(value);
}

internal readonly struct FloatValues : IFixedWidthValues<float>
{
    public IArrowType ArrowType => FloatType.Default;

    public float Convert(object value) => value is float f ? f : ValueCoercion.ToFloat(value);

    public bool IsOrderable(float value) => float.IsFinite(value);

    public JsonNode MinStat(float value) => StatsFormat.Number(value.ToString("R", CultureInfo.InvariantCulture));

    public JsonNode MaxStat(float value) => StatsFormat.Number(value.ToString("R", CultureInfo.InvariantCulture));
}

internal readonly struct DoubleValues : IFixedWidthValues<double>
{
    public IArrowType ArrowType => DoubleType.Default;

    public double Convert(object value) => value is double d ? d : ValueCoercion.ToDouble(value);

    public bool IsOrderable(double value) => double.IsFinite(value);

    public JsonNode MinStat(double value) => StatsFormat.Number(value.ToString("R", CultureInfo.InvariantCulture));

    public JsonNode MaxStat(double value) => StatsFormat.Number(value.ToString("R", CultureInfo.InvariantCulture));
}

/// <summary>date: days since 1970-01-01 (Arrow date32).</summary>
internal readonly struct DateValues : IFixedWidthValues<int>
{
    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public IArrowType ArrowType => Date32Type.Default;

    public int Convert(object value) => (value is DateOnly d ? d : ValueCoercion.ToDate(value)).DayNumber - EpochDay;

    public bool IsOrderable(int value) => true;

    public JsonNode MinStat(int value) => StatsFormat.Date(DateOnly.FromDayNumber(value + EpochDay));

    public JsonNode MaxStat(int value) => StatsFormat.Date(DateOnly.FromDayNumber(value + EpochDay));
}

/// <summary>timestamp: microseconds since the Unix epoch, UTC (Arrow timestamp[us, UTC]); sub-microsecond ticks are dropped.</summary>
internal readonly struct TimestampValues : IFixedWidthValues<long>
{
    private static readonly IArrowType Type = ArrowSchemaMapper.ToArrowType(PrimitiveType.Timestamp);

    public IArrowType ArrowType => Type;

    public long Convert(object value) =>
        TimestampMicros.FromTicks(value is DateTimeOffset o ? o.UtcTicks : ValueCoercion.ToTimestamp(value).UtcTicks);

    public bool IsOrderable(long value) => true;

    public JsonNode MinStat(long value) => StatsFormat.MinTimestamp(new DateTimeOffset(TimestampMicros.ToTicks(value), TimeSpan.Zero));

    public JsonNode MaxStat(long value) => StatsFormat.MaxTimestamp(new DateTimeOffset(TimestampMicros.ToTicks(value), TimeSpan.Zero));
}

/// <summary>timestamp_ntz: wall-clock microseconds since 1970-01-01T00:00 (Arrow timestamp[us] without zone).</summary>
internal readonly struct TimestampNtzValues : IFixedWidthValues<long>
{
    private static readonly IArrowType Type = ArrowSchemaMapper.ToArrowType(PrimitiveType.TimestampNtz);

    public IArrowType ArrowType => Type;

    public long Convert(object value) => TimestampMicros.FromTicks(value is DateTime t ? t.Ticks : ValueCoercion.ToTimestampNtz(value).Ticks);

    public bool IsOrderable(long value) => true;

    public JsonNode MinStat(long value) => StatsFormat.MinTimestampNtz(new DateTime(TimestampMicros.ToTicks(value), DateTimeKind.Unspecified));

    public JsonNode MaxStat(long value) => StatsFormat.MaxTimestampNtz(new DateTime(TimestampMicros.ToTicks(value), DateTimeKind.Unspecified));
}

/// <summary>decimal(p,s): the unscaled value as a 128-bit two's complement integer (Arrow decimal128, little-endian
/// like Int128 in memory); values of one column share the scale, so integer order is numeric order.</summary>
internal readonly struct DecimalValues(DecimalType type) : IFixedWidthValues<Int128>
{
    private readonly Decimal128Type _arrowType = new(type.Precision, type.Scale);

    public IArrowType ArrowType => _arrowType;

    public Int128 Convert(object value)
    {
        var exact = ValueCoercion.ToDecimal(value, type);
        var bits = exact.Data;
        var magnitude = (Int128)new UInt128(((ulong)(uint)bits[3] << 32) | (uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        return exact.IsPositive ? magnitude : -magnitude;
    }

    public bool IsOrderable(Int128 value) => true;

    public JsonNode MinStat(Int128 value) => StatsFormat.Number(ToSqlDecimal(value).ToString());

    public JsonNode MaxStat(Int128 value) => StatsFormat.Number(ToSqlDecimal(value).ToString());

    private SqlDecimal ToSqlDecimal(Int128 value)
    {
        var magnitude = (UInt128)(value < 0 ? -value : value);
        int[] bits = [(int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), (int)(uint)(magnitude >> 96)];
        return new SqlDecimal((byte)type.Precision, (byte)type.Scale, value >= 0, bits);
    }
}
