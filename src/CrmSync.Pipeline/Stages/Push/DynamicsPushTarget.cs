using System.Text.Json;
using CrmSync.Connectors.Common;
using CrmSync.Connectors.Dynamics;
using CrmSync.Lake;
using CrmSync.Pipeline.Stages.Deltas;

namespace CrmSync.Pipeline.Stages.Push;

/// <summary>Dynamics $batch writes: UPDATEs as PATCH + If-Match, CREATEs as PATCH of the deterministic contactid +
/// If-None-Match (a 412 on a re-send means the first attempt created it: success, never a duplicate).</summary>
internal sealed class DynamicsPushTarget(DynamicsClient client, int batchSize) : IPushTarget
{
    public int BatchSize => batchSize;

    /// <summary>Dataverse has no daily quota; service protection 429s are retried by the client.</summary>
    public CrmQuotaExhaustedException? QuotaStop => null;

    public Task<IReadOnlyList<RecordWriteResult>> SendAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var writes = rows.Select(row => new DynamicsContactWrite(
            (string)row["outbox_id"]!,
            Guid.Parse((string)row["target_id"]!),
            (string)row["operation"]! == OutboxOperationNames.Create,
            Attributes((string)row["payload"]!))).ToList();
        return client.WriteContactsAsync(writes, cancellationToken);
    }

    private static Dictionary<string, object?> Attributes(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (property.Name == "contactid")
            {
                continue;
            }

            attributes[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when property.Value.TryGetInt32(out var code) => code,
                JsonValueKind.Number => property.Value.GetDecimal(),
                _ => property.Value.GetString(),
            };
        }

        return attributes;
    }

    public void Dispose() => client.Dispose();
}
