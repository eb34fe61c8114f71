using System.Globalization;
using CrmSync.Core;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Reading;
using CrmSync.Pipeline.Stages.Deltas;
using CrmSync.Pipeline.Stages.Push;

namespace CrmSync.Pipeline.Operations.DeadLetters;

/// <summary>
/// The operator's side of meta.dead_letter. Retry puts the outbox rows back to PENDING with attempts reset (the
/// next push sends them); discard gives up on them with a reason. Every id is checked before anything is written;
/// then each table gets one merge by key for the whole operation, and meta.audit_log one append recording it
/// (system "crmsync", one row per dead letter).
/// </summary>
public sealed class DeadLetterOperations(LakeCatalog catalog, TimeProvider clock)
{
    public const string AuditStage = "dead-letter";
    public const string RetryOperation = "dead_letter.retry";
    public const string DiscardOperation = "dead_letter.discard";
    private const string AuditSystem = "crmsync";

    private readonly DeadLetterStore _store = new(catalog, clock);

    /// <param name="status">OPEN, RETRIED, DISCARDED; null = all.</param>
    public Task<IReadOnlyList<DeadLetter>> ListAsync(string? status, CancellationToken cancellationToken) =>
        _store.ListAsync(status, cancellationToken);

    public Task<DeadLetter?> GetAsync(string outboxId, CancellationToken cancellationToken) => _store.GetAsync(outboxId, cancellationToken);

    /// <summary>Open dead letters to act on: the ids given, or every open one (of <paramref name="system"/> when set) when none are given.</summary>
    public async Task<IReadOnlyList<DeadLetter>> SelectOpenAsync(IReadOnlyList<string> outboxIds, string? system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outboxIds);
        var open = await _store.ListAsync(DeadLetterStatus.Open, cancellationToken).ConfigureAwait(false);
        if (outboxIds.Count == 0)
        {
            return [.. open.Where(d => system is null || d.System == system)];
        }

        var all = (await _store.ListAsync(null, cancellationToken).ConfigureAwait(false)).ToLookup(d => d.OutboxId, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var id in outboxIds.Distinct(StringComparer.Ordinal))
        {
            var letter = all[id].FirstOrDefault();
            if (letter is null)
            {
                problems.Add($"{id}: no such dead letter");
            }
            else if (letter.Status != DeadLetterStatus.Open)
            {
                problems.Add($"{id}: already {letter.Status}");
            }
        }

        if (problems.Count > 0)
        {
            throw new DeadLetterOperationException("Nothing was changed: " + string.Join("; ", problems) + ".");
        }

        var wanted = outboxIds.ToHashSet(StringComparer.Ordinal);
        return [.. open.Where(d => wanted.Contains(d.OutboxId))];
    }

    /// <summary>Puts the outbox rows of <paramref name="letters"/> back to PENDING with attempts 0; the dead letters become RETRIED.</summary>
    public async Task<DeadLetterResolution> RetryAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var now = clock.GetUtcNow();
        var updates = new List<(string Table, List<Row> Rows)>();
        foreach (var group in letters.GroupBy(l => l.System, StringComparer.Ordinal))
        {
            var table = TableNames.Outbox(group.Key == SourceSystemNames.HubSpot ? SourceSystem.HubSpot : SourceSystem.Dynamics);
            updates.Add((table, await RequeueAsync(table, [.. group], now, cancellationToken).ConfigureAwait(false)));
        }

        foreach (var (table, rows) in updates)
        {
            var outbox = await catalog.OpenAsync(table, cancellationToken).ConfigureAwait(false);
            await outbox.MergeAsync(rows, ["outbox_id"], cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await ResolveAsync(letters, DeadLetterStatus.Retried, null, RetryOperation, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks <paramref name="letters"/> DISCARDED with <paramref name="reason"/>; their outbox rows stay DEAD.</summary>
    public Task<DeadLetterResolution> DiscardAsync(IReadOnlyList<DeadLetter> letters, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DeadLetterOperationException("A discard needs a reason; it is kept in meta.dead_letter.resolution.");
        }

        return ResolveAsync(letters, DeadLetterStatus.Discarded, reason.Trim(), DiscardOperation, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>The outbox rows back to PENDING, refusing a row a newer open change for the same person has replaced.</summary>
    private async Task<List<Row>> RequeueAsync(string table, IReadOnlyList<DeadLetter> letters, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outbox = await catalog.OpenAsync(table, cancellationToken).ConfigureAwait(false);
        var ids = letters.Select(l => l.OutboxId).ToList();
        var rows = (await outbox.ToListAsync(Expr.In("outbox_id", ids), cancellationToken: cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => (string)r["outbox_id"]!, StringComparer.Ordinal);
        var people = letters.Select(l => l.UnifiedContactId).ToList();
        var newer = (await outbox.ToListAsync(Expr.In("unified_contact_id", people) & Expr.In("status", OutboxStatus.Open), cancellationToken: cancellationToken)
                .ConfigureAwait(false))
            .ToDictionary(r => (string)r["unified_contact_id"]!, r => (string)r["outbox_id"]!, StringComparer.Ordinal);
        var problems = new List<string>();
        var requeued = new List<Row>();
        foreach (var letter in letters)
        {
            if (!rows.TryGetValue(letter.OutboxId, out var row))
            {
                problems.Add($"{letter.OutboxId}: no longer in {table}");
                continue;
            }

            if (newer.TryGetValue(letter.UnifiedContactId, out var pending))
            {
                problems.Add($"{letter.OutboxId}: a newer change for the same person ({pending}) is waiting to be pushed; discard this one instead");
                continue;
            }

            var draft = RowDraft.From(row);
            draft["status"] = OutboxStatus.Pending;
            draft["attempts"] = 0;
            draft["next_attempt_at"] = null;
            draft["first_failed_at"] = null;
            draft["updated_at"] = now;
            requeued.Add(draft.ToRow());
        }

        return problems.Count == 0 ? requeued : throw new DeadLetterOperationException("Nothing was changed: " + string.Join("; ", problems) + ".");
    }

    private async Task<DeadLetterResolution> ResolveAsync(IReadOnlyList<DeadLetter> letters, string status, string? resolution, string operation,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var auditRunId = "operator-" + now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        if (letters.Count == 0)
        {
            return new DeadLetterResolution([], auditRunId);
        }

        var deadLetter = await catalog.OpenAsync(TableNames.DeadLetter, cancellationToken).ConfigureAwait(false);
        var keys = letters.Select(l => (l.System, l.OutboxId)).ToHashSet();
        var current = await deadLetter.ToListAsync(Expr.In("outbox_id", letters.Select(l => l.OutboxId)), cancellationToken: cancellationToken).ConfigureAwait(false);
        var resolved = current.Where(r => keys.Contains(((string)r["system"]!, (string)r["outbox_id"]!))).Select(r =>
        {
            var draft = RowDraft.From(r);
            draft["status"] = status;
            draft["resolution"] = resolution;
            draft["resolved_at"] = now;
            return draft.ToRow();
        }).ToList();
        await deadLetter.MergeAsync(resolved, ["system", "outbox_id"], cancellationToken: cancellationToken).ConfigureAwait(false);

        var schema = catalog.Schemas[TableNames.AuditLog];
        var audit = letters.Select((letter, i) => new RowDraft(schema)
        {
            ["run_id"] = auditRunId,
            ["call_seq"] = (long)i + 1,
            ["stage"] = AuditStage,
            ["system"] = AuditSystem,
            ["operation"] = operation,
            ["path"] = $"{TableNames.DeadLetter}/{letter.System}/{letter.OutboxId}",
            ["records"] = 1,
            ["at"] = now,
        }.ToRow()).ToList();
        var auditLog = await catalog.OpenAsync(TableNames.AuditLog, cancellationToken).ConfigureAwait(false);
        await auditLog.AppendAsync(audit, new WriteOptions { CommitMetadata = new Dictionary<string, string> { ["run_id"] = auditRunId, ["operation"] = operation } },
            cancellationToken).ConfigureAwait(false);
        return new DeadLetterResolution([.. letters.Select(l => l.OutboxId)], auditRunId);
    }
}
