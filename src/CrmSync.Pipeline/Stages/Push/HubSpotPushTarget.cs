using System.Text.Json;
using CrmSync.Connectors.Common;
using CrmSync.Connectors.HubSpot;
using CrmSync.Lake;
using CrmSync.Pipeline.Stages.Deltas;

namespace CrmSync.Pipeline.Stages.Push;

/// <summary>
/// HubSpot batches: UPDATEs by id; CREATEs as upserts keyed on email when the person has one, so a create re-sent
/// after a crash finds the record the first attempt made instead of duplicating it; CREATEs without an email use
/// batch create (no natural key to upsert on; see docs/pipeline.md).
/// </summary>
internal sealed class HubSpotPushTarget(HubSpotClient client, int batchSize, string emailProperty) : IPushTarget
{
    public int BatchSize => batchSize;

    public CrmQuotaExhaustedException? QuotaStop { get; private set; }

    public async Task<IReadOnlyList<RecordWriteResult>> SendAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var results = new List<RecordWriteResult>(rows.Count);
        var updates = new List<HubSpotWriteInput>();
        var upserts = new List<HubSpotWriteInput>();
        var creates = new List<HubSpotWriteInput>();
        foreach (var row in rows)
        {
            var properties = Properties((string)row["payload"]!);
            var outboxId = (string)row["outbox_id"]!;
            if ((string)row["operation"]! == OutboxOperationNames.Update)
            {
                updates.Add(new HubSpotWriteInput(outboxId, (string)row["target_id"]!, properties));
            }
            else if (properties.GetValueOrDefault(emailProperty) is { Length: > 0 } email)
            {
                upserts.Add(new HubSpotWriteInput(outboxId, email, properties));
            }
            else
            {
                creates.Add(new HubSpotWriteInput(outboxId, null, properties));
            }
        }

        var groups = new (HubSpotBatchOperation Operation, List<HubSpotWriteInput> Inputs, string? IdProperty)[]
        {
            (HubSpotBatchOperation.Update, updates, null), (HubSpotBatchOperation.Upsert, upserts, emailProperty), (HubSpotBatchOperation.Create, creates, null),
        };
        foreach (var (operation, inputs, idProperty) in groups)
        {
            foreach (var chunk in inputs.Chunk(batchSize))
            {
                if (QuotaStop is not null)
                {
                    results.AddRange(chunk.Select(i => NotSent(i, QuotaStop)));
                    continue;
                }

                try
                {
                    results.AddRange(await client.WriteBatchAsync(operation, chunk, idProperty, cancellationToken).ConfigureAwait(false));
                }
                catch (CrmQuotaExhaustedException e)
                {
                    // Earlier chunks were sent and keep their results; this one and the rest stay PENDING.
                    QuotaStop = e;
                    results.AddRange(chunk.Select(i => NotSent(i, e)));
                }
                catch (CrmTransientException e)
                {
                    results.AddRange(chunk.Select(i => RecordWriteResult.Failure(i.InputKey, i.Id, e.Status, e.ErrorCode, e.Message, retryable: true)));
                }
            }
        }

        return results;
    }

    private static RecordWriteResult NotSent(HubSpotWriteInput input, CrmQuotaExhaustedException e) =>
        RecordWriteResult.Failure(input.InputKey, input.Id, e.Status, PushOutcome.NotSent, e.Message, retryable: true);

    private static Dictionary<string, string?> Properties(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in json.RootElement.GetProperty("properties").EnumerateObject())
        {
            properties[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetString();
        }

        return properties;
    }

    public void Dispose() => client.Dispose();
}
