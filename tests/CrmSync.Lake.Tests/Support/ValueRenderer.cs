using System.Data.SqlTypes;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Tests.Support;

/// <summary>Renders row values in the JSON forms of the conformance README, and canonicalises JSON for comparison.</summary>
internal static class ValueRenderer
{
    public static JsonObject RenderRow(Row row)
    {
        var o = new JsonObject();
        for (var i = 0; i < row.Count; i++)
            o[row.Schema[i].Name] = Render(row[i], row.Schema[i].Type);
        return o;
    }

    public static JsonNode? Render(object? value, DataType type)
    {
        if (value is null)
            return null;
        switch (type)
        {
            case StructType s:
                return RenderRow((Row)value);
            case ArrayType a:
                return new JsonArray(((IEnumerable<object?>)value).Select(v => Render(v, a.ElementType)).ToArray());
            case MapType m:
                var pairs = ((IEnumerable<KeyValuePair<object, object?>>)value).ToList();
                pairs.Sort((x, y) => ValueComparer.Compare(x.Key, y.Key));
                return new JsonArray(pairs.Select(p => (JsonNode)new JsonArray(Render(p.Key, m.KeyType), Render(p.Value, m.ValueType))).ToArray());
            case DecimalType d:
                var dec = SqlDecimal.ConvertToPrecScale(value is decimal clr ? clr : (SqlDecimal)value, d.Precision, d.Scale);
                return JsonValue.Create(dec.ToString());
        }

        return value switch
        {
            string s => JsonValue.Create(s),
            bool b => JsonValue.Create(b),
            long l => JsonValue.Create(l),
            int i => JsonValue.Create(i),
            short s => JsonValue.Create(s),
            sbyte b => JsonValue.Create(b),
            float f => JsonNode.Parse(f.ToString("R", CultureInfo.InvariantCulture)),
            double d => JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture)),
            byte[] b => JsonValue.Create(Convert.ToHexString(b).ToLowerInvariant()),
            DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            DateTimeOffset t => JsonValue.Create(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)),
            DateTime t => JsonValue.Create(t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture)),
            _ => throw new InvalidOperationException($"Unexpected value {value.GetType()} for {type}"),
        };
    }

    /// <summary>Canonical text: numbers with a fraction/exponent normalised through double, object keys kept in order.</summary>
    public static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.Select(kv => $"\"{kv.Key}\":{Canonical(kv.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => CanonicalNumber(v.ToJsonString()),
        _ => node.ToJsonString(),
    };

    private static string CanonicalNumber(string text) =>
        text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.OrdinalIgnoreCase)
            ? double.Parse(text, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)
            : text;
}
