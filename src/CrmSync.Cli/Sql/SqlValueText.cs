using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace CrmSync.Cli.Sql;

/// <summary>
/// How a DuckDB value prints: invariant culture, ISO 8601 UTC timestamps, nested values as JSON.
/// The same rules serve the aligned table, CSV and JSON outputs so they always agree.
/// </summary>
public static class SqlValueText
{
    public static string? ToText(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTime t => Timestamp(t),
        DateTimeOffset t => Timestamp(t.UtcDateTime),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        IDictionary or IList => JsonSerializer.Serialize(ToJsonValue(value)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The value as System.Text.Json should write it: numbers and booleans native, the rest text.</summary>
    public static object? ToJsonValue(object? value) => value switch
    {
        null or DBNull => null,
        bool or sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => value,
        BigInteger big => big.ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IDictionary map => map.Keys.Cast<object>().ToDictionary(key => ToText(key) ?? "", key => ToJsonValue(map[key]), StringComparer.Ordinal),
        IList list => list.Cast<object?>().Select(ToJsonValue).ToList(),
        _ => ToText(value),
    };

    private static string Timestamp(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')
        + (value.Kind == DateTimeKind.Unspecified ? "" : "Z");
}
