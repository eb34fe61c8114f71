using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmSync.Lake.Protocol;

/// <summary>Reads and writes actions as commit-file JSON lines. Unknown action kinds (cdc, domainMetadata, ...) read as null.</summary>
public static class ActionJson
{
    // Readable output ('+', non-ASCII kept); still valid JSON for every reader.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses one line; throws <see cref="FormatException"/> on malformed JSON or a malformed known action.</summary>
    public static DeltaAction? Parse(string line)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("line is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"invalid JSON ({e.Message})", e);
        }

        try
        {
            if (root["add"] is JsonObject add)
                return ParseAdd(add);
            if (root["remove"] is JsonObject remove)
                return ParseRemove(remove);
            if (root["metaData"] is JsonObject meta)
                return ParseMetadata(meta);
            if (root["protocol"] is JsonObject protocol)
                return ParseProtocol(protocol);
            if (root["txn"] is JsonObject txn)
                return new TransactionAction(Req<string>(txn, "appId"), Req<long>(txn, "version"), Opt<long>(txn, "lastUpdated"));
            if (root["commitInfo"] is JsonObject info)
                return new CommitInfo((JsonObject)info.DeepClone());
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new FormatException($"malformed action ({e.Message})", e);
        }
    }

    public static string Serialize(DeltaAction action)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            switch (action)
            {
                case AddFile a:
                    w.WriteStartObject("add");
                    w.WriteString("path", a.Path);
                    WriteMap(w, "partitionValues", a.PartitionValues);
                    w.WriteNumber("size", a.Size);
                    w.WriteNumber("modificationTime", a.ModificationTime);
                    w.WriteBoolean("dataChange", a.DataChange);
                    if (a.Stats is not null)
                        w.WriteString("stats", a.Stats);
                    if (a.Tags is not null)
                        WriteMap(w, "tags", a.Tags);
                    if (a.DeletionVector is not null)
                        WriteDeletionVector(w, a.DeletionVector);
                    w.WriteEndObject();
                    break;
                case RemoveFile r:
                    w.WriteStartObject("remove");
                    w.WriteString("path", r.Path);
                    if (r.DeletionTimestamp is { } ts)
                        w.WriteNumber("deletionTimestamp", ts);
                    w.WriteBoolean("dataChange", r.DataChange);
                    if (r.ExtendedFileMetadata is { } ext)
                        w.WriteBoolean("extendedFileMetadata", ext);
                    if (r.PartitionValues is not null)
                        WriteMap(w, "partitionValues", r.PartitionValues);
                    if (r.Size is { } size)
                        w.WriteNumber("size", size);
                    if (r.DeletionVector is not null)
                        WriteDeletionVector(w, r.DeletionVector);
                    w.WriteEndObject();
                    break;
                case MetadataAction m:
                    w.WriteStartObject("metaData");
                    w.WriteString("id", m.Id);
                    if (m.Name is not null)
                        w.WriteString("name", m.Name);
                    if (m.Description is not null)
                        w.WriteString("description", m.Description);
                    w.WriteStartObject("format");
                    w.WriteString("provider", m.FormatProvider);
                    w.WriteStartObject("options");
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteString("schemaString", m.SchemaString);
                    w.WriteStartArray("partitionColumns");
                    foreach (var c in m.PartitionColumns)
                        w.WriteStringValue(c);
                    w.WriteEndArray();
                    WriteMap(w, "configuration", m.Configuration);
                    if (m.CreatedTime is { } created)
                        w.WriteNumber("createdTime", created);
                    w.WriteEndObject();
                    break;
                case ProtocolAction p:
                    w.WriteStartObject("protocol");
                    w.WriteNumber("minReaderVersion", p.MinReaderVersion);
                    w.WriteNumber("minWriterVersion", p.MinWriterVersion);
                    if (p.ReaderFeatures is not null)
                        WriteList(w, "readerFeatures", p.ReaderFeatures);
                    if (p.WriterFeatures is not null)
                        WriteList(w, "writerFeatures", p.WriterFeatures);
                    w.WriteEndObject();
                    break;
                case TransactionAction t:
                    w.WriteStartObject("txn");
                    w.WriteString("appId", t.AppId);
                    w.WriteNumber("version", t.Version);
                    if (t.LastUpdated is { } updated)
                        w.WriteNumber("lastUpdated", updated);
                    w.WriteEndObject();
                    break;
                case CommitInfo c:
                    w.WritePropertyName("commitInfo");
                    c.Raw.WriteTo(w);
                    break;
                default:
                    throw new ArgumentException($"Unknown action {action.GetType().Name}.", nameof(action));
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static AddFile ParseAdd(JsonObject o) =>
        new(Req<string>(o, "path"), ReadMap(o["partitionValues"]), Req<long>(o, "size"),
            Opt<long>(o, "modificationTime") ?? 0, Opt<bool>(o, "dataChange") ?? true, OptString(o, "stats"),
            o["tags"] is JsonObject ? ReadMap(o["tags"]) : null, ParseDeletionVector(o["deletionVector"]));

    private static RemoveFile ParseRemove(JsonObject o) =>
        new(Req<string>(o, "path"), Opt<long>(o, "deletionTimestamp"), Opt<bool>(o, "dataChange") ?? true,
            Opt<bool>(o, "extendedFileMetadata"), o["partitionValues"] is JsonObject ? ReadMap(o["partitionValues"]) : null,
            Opt<long>(o, "size"), ParseDeletionVector(o["deletionVector"]));

    private static DeletionVectorDescriptor? ParseDeletionVector(JsonNode? node) =>
        node is JsonObject o
            ? new DeletionVectorDescriptor(Req<string>(o, "storageType"), Req<string>(o, "pathOrInlineDv"), Opt<int>(o, "offset"),
                Req<int>(o, "sizeInBytes"), Req<long>(o, "cardinality"))
            : null;

    private static void WriteDeletionVector(Utf8JsonWriter w, DeletionVectorDescriptor dv)
    {
        w.WriteStartObject("deletionVector");
        w.WriteString("storageType", dv.StorageType);
        w.WriteString("pathOrInlineDv", dv.PathOrInlineDv);
        if (dv.Offset is { } offset)
            w.WriteNumber("offset", offset);
        w.WriteNumber("sizeInBytes", dv.SizeInBytes);
        w.WriteNumber("cardinality", dv.Cardinality);
        w.WriteEndObject();
    }

    private static MetadataAction ParseMetadata(JsonObject o) =>
        new(Req<string>(o, "id"), OptString(o, "name"), OptString(o, "description"), Req<string>(o, "schemaString"),
            (o["partitionColumns"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToList(),
            ReadMap(o["configuration"]), Opt<long>(o, "createdTime"),
            (o["format"] as JsonObject)?["provider"]?.GetValue<string>() ?? "parquet");

    private static ProtocolAction ParseProtocol(JsonObject o) =>
        new(Req<int>(o, "minReaderVersion"), Req<int>(o, "minWriterVersion"),
            (o["readerFeatures"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList(),
            (o["writerFeatures"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList());

    private static T Req<T>(JsonObject o, string name) =>
        o[name] is JsonValue v ? v.GetValue<T>() : throw new FormatException($"required field '{name}' is missing");

    private static T? Opt<T>(JsonObject o, string name) where T : struct =>
        o[name] is JsonValue v ? v.GetValue<T>() : null;

    private static string? OptString(JsonObject o, string name) =>
        o[name] is JsonValue v ? v.GetValue<string>() : null;

    private static Dictionary<string, string?> ReadMap(JsonNode? node)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (node is JsonObject o)
        {
            foreach (var (k, v) in o)
                map[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString();
        }

        return map;
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string?> map)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in map)
        {
            if (v is null)
                w.WriteNull(k);
            else
                w.WriteString(k, v);
        }

        w.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
