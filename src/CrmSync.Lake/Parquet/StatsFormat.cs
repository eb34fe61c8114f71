using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// How min/max values appear in <c>add.stats</c>, as Spark writes them. Bounds must stay bounds after formatting:
/// timestamps are cut to milliseconds (min rounded down, max rounded up) and long strings are prefix-truncated (max gets
/// U+10FFFF appended so it still sorts after every value with that prefix).
/// </summary>
internal static class StatsFormat
{
    public const int StringPrefixLength = 32;
    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;
    private static readonly string MaxCodePoint = char.ConvertFromUtf32(0x10FFFF);

    public static JsonNode MinString(string s) => JsonValue.Create(s.Length <= StringPrefixLength ? s : Prefix(s))!;

    public static JsonNode MaxString(string s)
    {
        if (s.Length <= StringPrefixLength)
            return JsonValue.Create(s)!;
        var prefix = Prefix(s);
        // If the next code point is already the largest, the truncated bound would not be an upper bound: keep it whole.
        return JsonValue.Create(char.ConvertToUtf32(s, prefix.Length) == 0x10FFFF ? s : prefix + MaxCodePoint)!;
    }

    public static JsonNode MinTimestamp(DateTimeOffset t) => JsonValue.Create(FormatUtc(FloorMs(t.UtcTicks)))!;

    public static JsonNode MaxTimestamp(DateTimeOffset t) => JsonValue.Create(FormatUtc(CeilMs(t.UtcTicks)))!;

    public static JsonNode MinTimestampNtz(DateTime t) => JsonValue.Create(FormatNtz(FloorMs(t.Ticks)))!;

    public static JsonNode MaxTimestampNtz(DateTime t) => JsonValue.Create(FormatNtz(CeilMs(t.Ticks)))!;

    public static JsonNode Date(DateOnly d) => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))!;

    public static JsonNode Number(string invariantText) => JsonNode.Parse(invariantText)!;

    public static JsonNode Integer(long value) => JsonValue.Create(value);

    private static string Prefix(string s) =>
        char.IsHighSurrogate(s[StringPrefixLength - 1]) ? s[..(StringPrefixLength - 1)] : s[..StringPrefixLength];

    private static long FloorMs(long ticks) => ticks - (((ticks % TicksPerMillisecond) + TicksPerMillisecond) % TicksPerMillisecond);

    private static long CeilMs(long ticks)
    {
        var floor = FloorMs(ticks);
        return floor == ticks || floor + TicksPerMillisecond > DateTime.MaxValue.Ticks ? floor : floor + TicksPerMillisecond;
    }

    private static string FormatUtc(long ticks) =>
        new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string FormatNtz(long ticks) =>
        new DateTime(ticks, DateTimeKind.Unspecified).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
