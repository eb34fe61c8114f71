using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmSync.Lake.Protocol;

/// <summary>The free-form <c>commitInfo</c> action; <see cref="Raw"/> keeps everything, the properties read the common fields.</summary>
public sealed record CommitInfo(JsonObject Raw) : DeltaAction
{
    public long? Timestamp => Raw["timestamp"] is JsonValue v && v.TryGetValue<long>(out var t) ? t : null;

    public string? Operation => Raw["operation"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public string? EngineInfo => Raw["engineInfo"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Operation parameters rendered as strings (Spark writes some as JSON values, e.g. <c>"auto": false</c>).</summary>
    public IReadOnlyDictionary<string, string> OperationParameters => AsStringMap(Raw["operationParameters"]);

    /// <summary>Operation metrics (Spark writes them as strings of numbers).</summary>
    public IReadOnlyDictionary<string, string> OperationMetrics => AsStringMap(Raw["operationMetrics"]);

    private static Dictionary<string, string> AsStringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not JsonObject o)
            return map;
        foreach (var (key, value) in o)
        {
            map[key] = value switch
            {
                null => "null",
                JsonValue jv when jv.TryGetValue<string>(out var s) => s,
                _ => value.ToJsonString(),
            };
        }

        return map;
    }

    internal static string Metric(long value) => value.ToString(CultureInfo.InvariantCulture);
}
