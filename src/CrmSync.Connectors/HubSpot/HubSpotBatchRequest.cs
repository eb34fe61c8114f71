using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrmSync.Connectors.HubSpot;

/// <summary>
/// A batch write body {"inputs":[{id?, idProperty?, properties, objectWriteTraceId}]}. Each input
/// carries its position as objectWriteTraceId so every result and error maps back to exactly one input.
/// </summary>
internal static class HubSpotBatchRequest
{
    public static string ToJson(HubSpotBatchOperation operation, IReadOnlyList<HubSpotWriteInput> inputs, string? idProperty)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * inputs.Count);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("inputs");
            for (var i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                w.WriteStartObject();
                if (operation != HubSpotBatchOperation.Create)
                {
                    w.WriteString("id", input.Id);
                }

                if (operation == HubSpotBatchOperation.Upsert)
                {
                    w.WriteString("idProperty", idProperty);
                }

                w.WriteStartObject("properties");
                foreach (var (name, value) in input.Properties)
                {
                    // HubSpot clears a property when sent an empty string.
                    w.WriteString(name, value ?? "");
                }

                w.WriteEndObject();
                w.WriteString("objectWriteTraceId", TraceId(i));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string TraceId(int position) => position.ToString(CultureInfo.InvariantCulture);

    public static string Path(HubSpotBatchOperation operation) => operation switch
    {
        HubSpotBatchOperation.Create => "/crm/v3/objects/contacts/batch/create",
        HubSpotBatchOperation.Update => "/crm/v3/objects/contacts/batch/update",
        _ => "/crm/v3/objects/contacts/batch/upsert",
    };
}
