using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmSync.Lake.Protocol;

/// <summary>Spark's StructType JSON (<c>metaData.schemaString</c>) to and from <see cref="StructType"/>.</summary>
public static class SchemaJson
{
    public static string Serialize(StructType schema) => ToNode(schema).ToJsonString();

    public static StructType Parse(string schemaString)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(schemaString);
        }
        catch (JsonException e)
        {
            throw new FormatException($"schemaString is not valid JSON: {e.Message}", e);
        }

        return ReadType(node) as StructType ?? throw new FormatException("schemaString is not a struct type.");
    }

    private static JsonNode ToNode(DataType type) => type switch
    {
        PrimitiveType p => JsonValue.Create(p.Name),
        DecimalType d => JsonValue.Create(d.SimpleString),
        ArrayType a => new JsonObject
        {
            ["type"] = "array",
            ["elementType"] = ToNode(a.ElementType),
            ["containsNull"] = a.ContainsNull,
        },
        MapType m => new JsonObject
        {
            ["type"] = "map",
            ["keyType"] = ToNode(m.KeyType),
            ["valueType"] = ToNode(m.ValueType),
            ["valueContainsNull"] = m.ValueContainsNull,
        },
        StructType s => new JsonObject
        {
            ["type"] = "struct",
            ["fields"] = new JsonArray([.. s.Fields.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name,
                ["type"] = ToNode(f.Type),
                ["nullable"] = f.Nullable,
                ["metadata"] = f.Metadata.DeepClone(),
            })]),
        },
        _ => throw new ArgumentException($"Unknown data type {type}.", nameof(type)),
    };

    private static DataType ReadType(JsonNode? node)
    {
        if (node is JsonValue v && v.TryGetValue<string>(out var name))
            return ParsePrimitiveOrDecimal(name);
        if (node is not JsonObject o)
            throw new FormatException($"Unexpected schema node: {node?.ToJsonString() ?? "null"}.");
        var kind = o["type"]?.GetValue<string>();
        return kind switch
        {
            "struct" => new StructType(((o["fields"] as JsonArray) ?? []).Select(ReadField)),
            "array" => new ArrayType(ReadType(o["elementType"]), o["containsNull"]?.GetValue<bool>() ?? true),
            "map" => new MapType(ReadType(o["keyType"]), ReadType(o["valueType"]), o["valueContainsNull"]?.GetValue<bool>() ?? true),
            _ => throw new FormatException($"Unknown complex type '{kind}' in schema."),
        };
    }

    private static StructField ReadField(JsonNode? node)
    {
        var o = node as JsonObject ?? throw new FormatException("Schema field is not an object.");
        var name = o["name"]?.GetValue<string>() ?? throw new FormatException("Schema field without a name.");
        return new StructField(name, ReadType(o["type"]), o["nullable"]?.GetValue<bool>() ?? true,
            (o["metadata"] as JsonObject)?.DeepClone() as JsonObject);
    }

    /// <summary>Parses <c>long</c>, <c>decimal(10,2)</c>, ... (also the legacy alias <c>decimal</c> = decimal(10,0)).</summary>
    public static DataType ParsePrimitiveOrDecimal(string name)
    {
        var primitive = PrimitiveType.TryParse(name);
        if (primitive is not null)
            return primitive;
        if (name == "decimal")
            return new DecimalType(10, 0);
        if (name.StartsWith("decimal(", StringComparison.Ordinal) && name.EndsWith(')'))
        {
            var parts = name["decimal(".Length..^1].Split(',');
            if (parts.Length == 2
                && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s))
                return new DecimalType(p, s);
        }

        throw new FormatException($"Unknown data type '{name}' in schema.");
    }
}
