using System.Data.SqlTypes;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Parquet;

/// <summary>Checks and converts a row value to the CLR form of its Delta type; throws <see cref="InvalidCastException"/> saying why not.</summary>
internal static class ValueCoercion
{
    private const long TicksPerMicrosecond = 10;

    public static string ToString(object v) => v as string ?? throw Mismatch(v, "string");

    public static long ToLong(object v) => v switch
    {
        long l => l,
        int i => i,
        short s => s,
        sbyte b => b,
        byte b => b,
        uint u => u,
        ushort u => u,
        _ => throw Mismatch(v, "long"),
    };

    public static int ToInt(object v) => v switch
    {
        int i => i,
        short s => s,
        sbyte b => b,
        byte b => b,
        ushort u => u,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        _ => throw Mismatch(v, "integer"),
    };

    public static short ToShort(object v) => v switch
    {
        short s => s,
        sbyte b => b,
        byte b => b,
        int i when i is >= short.MinValue and <= short.MaxValue => (short)i,
        long l when l is >= short.MinValue and <= short.MaxValue => (short)l,
        _ => throw Mismatch(v, "short"),
    };

    public static sbyte ToByte(object v) => v switch
    {
        sbyte b => b,
        int i when i is >= sbyte.MinValue and <= sbyte.MaxValue => (sbyte)i,
        long l when l is >= sbyte.MinValue and <= sbyte.MaxValue => (sbyte)l,
        short s when s is >= sbyte.MinValue and <= sbyte.MaxValue => (sbyte)s,
        _ => throw Mismatch(v, "byte"),
    };

    public static float ToFloat(object v) => v switch
    {
        float f => f,
        int i => i,
        short s => s,
        sbyte b => b,
        _ => throw Mismatch(v, "float"),
    };

    public static double ToDouble(object v) => v switch
    {
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        short s => s,
        sbyte b => b,
        _ => throw Mismatch(v, "double"),
    };

    public static bool ToBool(object v) => v is bool b ? b : throw Mismatch(v, "boolean");

    public static byte[] ToBinary(object v) => v switch
    {
        byte[] b => b,
        ReadOnlyMemory<byte> m => m.ToArray(),
        _ => throw Mismatch(v, "binary (byte[])"),
    };

    public static DateOnly ToDate(object v) => v switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => throw Mismatch(v, "date (DateOnly)"),
    };

    /// <summary>UTC instant truncated to microseconds (Delta's timestamp precision).</summary>
    public static DateTimeOffset ToTimestamp(object v)
    {
        var utcTicks = v switch
        {
            DateTimeOffset o => o.UtcTicks,
            DateTime { Kind: DateTimeKind.Utc } t => t.Ticks,
            DateTime { Kind: DateTimeKind.Local } t => t.ToUniversalTime().Ticks,
            DateTime => throw new InvalidCastException("expected timestamp (DateTimeOffset or a UTC DateTime), got a DateTime of Kind Unspecified; use timestamp_ntz for wall-clock times"),
            _ => throw Mismatch(v, "timestamp (DateTimeOffset)"),
        };
        return new DateTimeOffset(utcTicks - (utcTicks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>Wall-clock time (Kind Unspecified) truncated to microseconds.</summary>
    public static DateTime ToTimestampNtz(object v) => v switch
    {
        DateTime t => new DateTime(t.Ticks - (t.Ticks % TicksPerMicrosecond), DateTimeKind.Unspecified),
        _ => throw Mismatch(v, "timestamp_ntz (DateTime)"),
    };

    public static SqlDecimal ToDecimal(object v, DecimalType type)
    {
        SqlDecimal value = v switch
        {
            SqlDecimal d => d,
            decimal d => d,
            long l => l,
            int i => i,
            _ => throw Mismatch(v, type.SimpleString + " (SqlDecimal or decimal)"),
        };
        if (value.IsNull)
            throw Mismatch(v, type.SimpleString);
        try
        {
            var scaled = SqlDecimal.AdjustScale(value, type.Scale - value.Scale, fRound: false);
            if (SqlDecimal.NotEquals(scaled, value).IsTrue)
                throw new InvalidCastException($"value {value} has more than {type.Scale} fraction digits for {type.SimpleString}");
            return SqlDecimal.ConvertToPrecScale(scaled, type.Precision, type.Scale);
        }
        catch (SqlTypeException e)
        {
            throw new InvalidCastException($"value {value} does not fit {type.SimpleString}", e);
        }
    }

    private static InvalidCastException Mismatch(object v, string expected) =>
        new($"expected {expected}, got {v.GetType().Name} ({ValueText.Render(v)})");
}
