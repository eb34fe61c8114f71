using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrmSync.Connectors.HubSpot;

/// <summary>
/// The incremental search body: lastmodifieddate between the watermark and the run start
/// (epoch-millisecond strings), sorted by hs_object_id ascending, optionally resuming after an id.
/// Sorting by the unique id (one sort rule is all HubSpot allows) makes restarts exact: a new query
/// with hs_object_id &gt; last id neither repeats nor skips a record, however many share one
/// lastmodifieddate.
/// </summary>
internal sealed record HubSpotSearchQuery(DateTimeOffset From, DateTimeOffset To, long? AfterId, IReadOnlyList<string> Properties, int Limit)
{
    public string ToJson(string? after)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("filterGroups");
            w.WriteStartObject();
            w.WriteStartArray("filters");
            Filter(w, "lastmodifieddate", "GTE", From.ToUnixTimeMilliseconds());
            Filter(w, "lastmodifieddate", "LTE", To.ToUnixTimeMilliseconds());
            if (AfterId is { } id)
            {
                Filter(w, "hs_object_id", "GT", id);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("sorts");
            w.WriteStartObject();
            w.WriteString("propertyName", "hs_object_id");
            w.WriteString("direction", "ASCENDING");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("properties");
            foreach (var property in Properties)
            {
                w.WriteStringValue(property);
            }

            w.WriteEndArray();
            w.WriteNumber("limit", Limit);
            if (after is not null)
            {
                w.WriteString("after", after);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Filter(Utf8JsonWriter w, string property, string op, long value)
    {
        w.WriteStartObject();
        w.WriteString("propertyName", property);
        w.WriteString("operator", op);
        w.WriteString("value", value.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }
}
