using CrmSync.Core;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Stages.Deltas;
using CrmSync.Pipeline.Stages.Push;

namespace CrmSync.Pipeline.Reading;

/// <summary>meta.dead_letter for the dead-letter verbs: list, show, retry (back to PENDING), discard (with a reason).</summary>
public sealed class DeadLetterStore(LakeCatalog catalog, TimeProvider clock)
{
    private static readonly string[] Key = ["system", "outbox_id"];

    /// <summary>Dead letters in <paramref name="status"/> (OPEN by default; null = all), newest failure first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string? status = DeadLetterStatus.Open, CancellationToken cancellationToken = default)
    {
        var table = await catalog.OpenAsync(TableNames.DeadLetter, cancellationToken).ConfigureAwait(false);
        var rows = await table.ToListAsync(status is null ? null : Expr.Eq("status", status), cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToDeadLetter).OrderByDescending(d => d.LastFailedAt)];
    }

    public async Task<DeadLetter?> GetAsync(string outboxId, CancellationToken cancellationToken = default)
    {
        var table = await catalog.OpenAsync(TableNames.DeadLetter, cancellationToken).ConfigureAwait(false);
        var rows = await table.ToListAsync(Expr.Eq("outbox_id", outboxId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : ToDeadLetter(rows[0]);
    }

    /// <summary>Puts the outbox row back to PENDING with attempts 0 (pushed by the next push run); the dead letter becomes RETRIED.</summary>
    public async Task RetryAsync(string outboxId, CancellationToken cancellationToken = default)
    {
        var letter = await RequireOpenAsync(outboxId, cancellationToken).ConfigureAwait(false);
        var system = letter.System == SourceSystemNames.HubSpot ? SourceSystem.HubSpot : SourceSystem.Dynamics;
        var outbox = await catalog.OpenAsync(TableNames.Outbox(system), cancellationToken).ConfigureAwait(false);
        var rows = await outbox.ToListAsync(Expr.Eq("outbox_id", outboxId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw new InvalidOperationException($"Outbox row {outboxId} is no longer in {TableNames.Outbox(system)}; it cannot be retried.");
        }

        var now = clock.GetUtcNow();
        var draft = RowDraft.From(rows[0]);
        draft["status"] = OutboxStatus.Pending;
        draft["attempts"] = 0;
        draft["next_attempt_at"] = null;
        draft["first_failed_at"] = null;
        draft["updated_at"] = now;
        await outbox.MergeAsync([draft.ToRow()], ["outbox_id"], cancellationToken: cancellationToken).ConfigureAwait(false);
        await ResolveAsync(letter, DeadLetterStatus.Retried, null, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives up on the row for good; <paramref name="reason"/> is recorded.</summary>
    public async Task DiscardAsync(string outboxId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var letter = await RequireOpenAsync(outboxId, cancellationToken).ConfigureAwait(false);
        await ResolveAsync(letter, DeadLetterStatus.Discarded, reason, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DeadLetter> RequireOpenAsync(string outboxId, CancellationToken cancellationToken)
    {
        var letter = await GetAsync(outboxId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No dead letter with outbox_id {outboxId} (see `crmsync dead-letter list`).");
        return letter.Status == DeadLetterStatus.Open
            ? letter
            : throw new InvalidOperationException($"Dead letter {outboxId} is already {letter.Status}.");
    }

    private async Task ResolveAsync(DeadLetter letter, string status, string? resolution, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await catalog.OpenAsync(TableNames.DeadLetter, cancellationToken).ConfigureAwait(false);
        var rows = await table.ToListAsync(Expr.Eq("outbox_id", letter.OutboxId), cancellationToken: cancellationToken).ConfigureAwait(false);
        var draft = RowDraft.From(rows.Single(r => (string)r["system"]! == letter.System));
        draft["status"] = status;
        draft["resolution"] = resolution;
        draft["resolved_at"] = at;
        await table.MergeAsync([draft.ToRow()], Key, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static DeadLetter ToDeadLetter(Row row) => new(
        (string)row["system"]!,
        (string)row["outbox_id"]!,
        (string)row["unified_contact_id"]!,
        (string?)row["target_id"],
        (string?)row["operation"],
        (string?)row["payload"],
        (string?)row["error"],
        (string?)row["error_code"],
        (int)row["attempts"]!,
        (DateTimeOffset)row["first_failed_at"]!,
        (DateTimeOffset)row["last_failed_at"]!,
        (string)row["status"]!,
        (string?)row["resolution"],
        (DateTimeOffset?)row["resolved_at"]);
}
