using CrmSync.Connectors.Common;
using CrmSync.Core;
using CrmSync.Core.Crosswalk;
using CrmSync.Lake;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Quality;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Stages.Deltas;
using CrmSync.Pipeline.Stages.Unify;

namespace CrmSync.Pipeline.Stages.Push;

/// <summary>
/// Records the outcomes of sent batches: the outbox rows (one merge), dead letters, and the crosswalk links of records
/// they created. Each table write carries a Delta txn numbered per write, continuing after what an earlier attempt of
/// the same execution committed.
/// </summary>
internal sealed class PushOutcomeWriter(StageServices services, SourceSystem system, StageContext context)
{
    private readonly Dictionary<string, long> _nextPart = new(StringComparer.Ordinal);

    private string Outbox => TableNames.Outbox(system);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var name in new[] { Outbox, TableNames.DeadLetter, TableNames.Crosswalk })
        {
            var table = await services.Catalog.OpenAsync(name, cancellationToken).ConfigureAwait(false);
            _nextPart[name] = context.NextPart(table.Snapshot.GetTransactionVersion(context.Txn(name).AppId));
        }
    }

    public async Task WriteAsync(IReadOnlyList<Row> batch, IReadOnlyList<RecordWriteResult> results, CancellationToken cancellationToken)
    {
        var now = services.Clock.GetUtcNow();
        var push = services.Settings.Sources.Push;
        var byKey = results.ToDictionary(r => r.InputKey, StringComparer.Ordinal);
        var outboxRows = new List<Row>(batch.Count);
        var deadRows = new List<Row>();
        var created = new List<(Row Row, string Id)>();
        foreach (var row in batch)
        {
            var outboxId = (string)row["outbox_id"]!;
            if (!byKey.TryGetValue(outboxId, out var result) || result.ErrorCode == PushOutcome.NotSent)
            {
                continue;
            }

            var draft = RowDraft.From(row);
            var attempts = (int)row["attempts"]! + 1;
            var isCreate = (string)row["operation"]! == OutboxOperationNames.Create;
            draft["attempts"] = attempts;
            draft["updated_at"] = now;
            draft["push_run_id"] = context.RunId;
            if (result.Succeeded)
            {
                draft["status"] = OutboxStatus.Success;
                draft["last_error"] = null;
                draft["next_attempt_at"] = null;
                if (isCreate && result.Id is { } id)
                {
                    draft["target_id"] = id;
                    created.Add((row, id));
                    context.Counts.AddCreated(1);
                }
                else
                {
                    context.Counts.AddUpdated(1);
                }
            }
            else
            {
                context.Counts.AddFailed(1);
                var error = $"HTTP {result.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {result.ErrorCode}: {result.Message}";
                var firstFailed = (DateTimeOffset?)row["first_failed_at"] ?? now;
                var dead = !result.Retryable || attempts >= push.MaxAttempts;
                draft["status"] = dead ? OutboxStatus.Dead : OutboxStatus.Failed;
                draft["last_error"] = error;
                draft["first_failed_at"] = firstFailed;
                draft["next_attempt_at"] = dead ? null : now + Backoff(attempts);
                if (dead)
                {
                    deadRows.Add(DeadLetterRow(row, result, error, attempts, firstFailed, now));
                }
            }

            outboxRows.Add(draft.ToRow());
        }

        new DataTests(Outbox, outboxRows)
            .Unique("outbox_id")
            .NotNull("outbox_id", "status", "attempts", "updated_at")
            .AcceptedValues("status", OutboxStatus.All)
            .ThrowIfFailed();
        await MergeAsync(Outbox, outboxRows, ["outbox_id"], cancellationToken).ConfigureAwait(false);
        await MergeAsync(TableNames.DeadLetter, deadRows, ["system", "outbox_id"], cancellationToken).ConfigureAwait(false);
        await LinkCreatedAsync(created, now, cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan Backoff(int attempts)
    {
        var push = services.Settings.Sources.Push;
        var delay = push.BaseBackoff * Math.Pow(2, Math.Min(attempts - 1, 20));
        return delay < push.MaxBackoff ? delay : push.MaxBackoff;
    }

    private Row DeadLetterRow(Row row, RecordWriteResult result, string error, int attempts, DateTimeOffset firstFailed, DateTimeOffset now) =>
        new RowDraft(services.Catalog.Schemas[TableNames.DeadLetter])
        {
            ["system"] = SourceSystemNames.Of(system),
            ["outbox_id"] = row["outbox_id"],
            ["unified_contact_id"] = row["unified_contact_id"],
            ["target_id"] = row["target_id"],
            ["operation"] = row["operation"],
            ["payload"] = row["payload"],
            ["error"] = error,
            ["error_code"] = result.ErrorCode,
            ["attempts"] = attempts,
            ["first_failed_at"] = firstFailed,
            ["last_failed_at"] = now,
            ["status"] = DeadLetterStatus.Open,
        }.ToRow();

    /// <summary>Links each record a CREATE made to its person (created_by_push) unless the record is already linked:
    /// an upsert that landed on an existing record never moves that record's link.</summary>
    private async Task LinkCreatedAsync(List<(Row Row, string Id)> created, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (created.Count == 0)
        {
            return;
        }

        var crosswalk = await services.Catalog.OpenAsync(TableNames.Crosswalk, cancellationToken).ConfigureAwait(false);
        var systemName = SourceSystemNames.Of(system);
        var linked = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in KeyLookup.ScanAsync(crosswalk, "source_id", created.Select(c => c.Id).ToHashSet(StringComparer.Ordinal),
            ["source_system", "source_id"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if ((string)row["source_system"]! == systemName)
            {
                linked.Add((string)row["source_id"]!);
            }
        }

        var schema = services.Catalog.Schemas[TableNames.Crosswalk];
        var emailField = services.Settings.Mappings.MatchField.Name;
        var rows = created
            .Where(c => linked.Add(c.Id))
            .Select(c => CrosswalkStep.ToRow(schema,
                new CrosswalkLink((string)c.Row["unified_contact_id"]!, system, c.Id, UnifiedRowMapper.ReadMap(c.Row["field_values"]).GetValueOrDefault(emailField), now),
                CrosswalkMatchMethod.CreatedByPush, context.RunId))
            .ToList();
        await MergeAsync(TableNames.Crosswalk, rows, ["source_system", "source_id"], cancellationToken).ConfigureAwait(false);
    }

    private async Task MergeAsync(string name, List<Row> rows, string[] key, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var table = await services.Catalog.OpenAsync(name, cancellationToken).ConfigureAwait(false);
        var part = _nextPart[name]++;
        await table.MergeAsync(rows, key, new MergeOptions { Txn = context.Txn(name, part) }, cancellationToken).ConfigureAwait(false);
    }
}
