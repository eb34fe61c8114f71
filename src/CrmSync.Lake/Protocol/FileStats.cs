using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmSync.Lake.Protocol;

/// <summary>Parsed <c>add.stats</c>: row count and per-column min, max and null count, nested like the schema.</summary>
public sealed class FileStats(long? numRecords, JsonObject? minValues, JsonObject? maxValues, JsonObject? nullCount)
{
    // Stats keep non-ASCII string bounds readable, as the data writer produces them.
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public long? NumRecords { get; } = numRecords;

    public JsonObject? MinValues { get; } = minValues;

    public JsonObject? MaxValues { get; } = maxValues;

    public JsonObject? NullCount { get; } = nullCount;

    public static FileStats? TryParse(string? stats)
    {
        if (string.IsNullOrEmpty(stats))
            return null;
        try
        {
            if (JsonNode.Parse(stats) is not JsonObject o)
                return null;
            long? n = o["numRecords"] is JsonValue v && v.TryGetValue<long>(out var count) ? count : null;
            return new FileStats(n, o["minValues"] as JsonObject, o["maxValues"] as JsonObject, o["nullCount"] as JsonObject);
        }
        catch (JsonException)
        {
            // Stats are an optimisation: unreadable stats mean "no stats", never a failed read.
            return null;
        }
    }

    /// <summary>Stats for a data file that gets a deletion vector: <c>numRecords</c> stays the physical row count (the
    /// protocol requires it exact) and <c>tightBounds</c> becomes false, since min/max may now belong to deleted rows.</summary>
    public static string WithWideBounds(string? stats, long numRecords)
    {
        JsonObject o;
        try
        {
            o = (string.IsNullOrEmpty(stats) ? null : JsonNode.Parse(stats) as JsonObject) ?? [];
        }
        catch (JsonException)
        {
            o = [];
        }

        o["numRecords"] = numRecords;
        o["tightBounds"] = false;
        return o.ToJsonString(RelaxedJson);
    }

    /// <summary>The stat node for a column path (e.g. ["address", "city"]), or null.</summary>
    public static JsonNode? Lookup(JsonObject? values, IReadOnlyList<string> path)
    {
        JsonNode? node = values;
        foreach (var part in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node))
                return null;
        }

        return node;
    }
}
