using System.Globalization;
using CrmSync.Core;
using CrmSync.Core.Contacts;
using CrmSync.Core.Deltas;
using CrmSync.Core.Identity;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Quality;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Stages.Unify;
using Microsoft.Extensions.Logging;

namespace CrmSync.Pipeline.Stages.Deltas;

/// <summary>
/// compute-deltas: for the people unify touched since the last compute, Core's <see cref="DeltaCalculator"/>
/// compares the surviving values with each target's current snapshot (normalized, so cosmetic differences make
/// nothing) and yields at most one PATCH-ready row per target record. A row identical to the one already open
/// (same idempotency key) is not added again; a different one supersedes it; an open row no longer needed is
/// superseded too. Works through the changes chunk by chunk (<see cref="UnifiedChanges"/>). --dry-run reports what would be
/// queued and writes nothing.
/// </summary>
internal sealed partial class ComputeDeltasStage(StageServices services) : IStage
{
    /// <summary>meta.watermarks stream of the last unify_seq consumed.</summary>
    private const string Stream = "gold.outbox_contacts";
    private static readonly SourceSystem[] Targets = [SourceSystem.HubSpot, SourceSystem.Dynamics];
    private readonly ILogger _logger = services.Loggers.CreateLogger<ComputeDeltasStage>();

    public string Name => StageNames.ComputeDeltas;

    public Task<IReadOnlyDictionary<string, string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        new UnifiedChanges(services, Stream).PlanAsync(cancellationToken);

    public async Task ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var changes = new UnifiedChanges(services, Stream);
        var blocked = await BlockedPeopleAsync(cancellationToken).ConfigureAwait(false);
        var preview = new PreviewCounts();
        await foreach (var chunk in changes.ReadAsync(context, columns: null, cancellationToken).ConfigureAwait(false))
        {
            await ComputeAsync(context, chunk, changes.Mapper, blocked, preview, cancellationToken).ConfigureAwait(false);
            if (!context.Options.DryRun)
            {
                services.Crash.At(CrashPoints.ComputeAfterChunk);
                await changes.CommitAsync(context, chunk, cancellationToken).ConfigureAwait(false);
            }
        }

        if (context.Options.DryRun)
        {
            context.Preview = new DryRunPreview(preview.Counts, preview.Sample);
        }
    }

    private async Task ComputeAsync(StageContext context, UnifiedChunk chunk, UnifiedRowMapper mapper, HashSet<string> blocked, PreviewCounts preview,
        CancellationToken cancellationToken)
    {
        var contacts = chunk.Rows.Select(mapper.ToContact).ToList();
        context.Counts.AddRead(contacts.Count);
        var ids = contacts.Select(c => c.UnifiedContactId).ToHashSet(StringComparer.Ordinal);

        var (hubspot, dynamics) = await BothCrms.RunAsync(
            () => new SnapshotUpdater(services, SourceSystem.HubSpot)
                .LoadAsync(contacts.Select(c => c.HubSpotId).OfType<string>().ToHashSet(StringComparer.Ordinal), cancellationToken, withChangeTimes: false),
            () => new SnapshotUpdater(services, SourceSystem.Dynamics)
                .LoadAsync(contacts.Select(c => c.DynamicsId).OfType<string>().ToHashSet(StringComparer.Ordinal), cancellationToken, withChangeTimes: false))
            .ConfigureAwait(false);
        var (hubspotOutbox, dynamicsOutbox) = await BothCrms.RunAsync(
            () => OutboxState.LoadAsync(services.Catalog, SourceSystem.HubSpot, ids, cancellationToken),
            () => OutboxState.LoadAsync(services.Catalog, SourceSystem.Dynamics, ids, cancellationToken)).ConfigureAwait(false);
        var outboxes = new Dictionary<SourceSystem, OutboxState> { [SourceSystem.HubSpot] = hubspotOutbox, [SourceSystem.Dynamics] = dynamicsOutbox };

        var calculator = new DeltaCalculator(services.Settings.Mappings, services.Settings.Sources.Dynamics);
        var rows = Targets.ToDictionary(t => t, _ => new List<Row>());
        var now = context.StartedAt;
        foreach (var contact in contacts)
        {
            var h = ReadBackOverlay.Apply(SourceSystem.HubSpot, contact.HubSpotId, contact.HubSpotId is { } hid ? hubspot.GetValueOrDefault(hid) : null,
                outboxes[SourceSystem.HubSpot].LastSuccess.GetValueOrDefault(contact.UnifiedContactId));
            var d = ReadBackOverlay.Apply(SourceSystem.Dynamics, contact.DynamicsId, contact.DynamicsId is { } did ? dynamics.GetValueOrDefault(did) : null,
                outboxes[SourceSystem.Dynamics].LastSuccess.GetValueOrDefault(contact.UnifiedContactId));
            if ((contact.HubSpotId is not null && h is null) || (contact.DynamicsId is not null && d is null))
            {
                // A linked record whose snapshot is not there yet (e.g. linked by a push that crashed before its outbox update): wait for ingest.
                context.Counts.AddSkipped(1);
                continue;
            }

            var delta = calculator.Compute(contact, h, d, blocked.Contains(contact.UnifiedContactId));
            foreach (var issue in delta.Issues)
            {
                LogIssue(issue.ToString());
            }

            foreach (var target in Targets)
            {
                var entry = EntryFor(delta, target);
                if (entry is { Target: SourceSystem.HubSpot, Operation: OutboxOperation.Create } && contact.Fields[services.Settings.Mappings.MatchField.Name].Value is null)
                {
                    // A HubSpot create is made crash-safe by upserting on email; without one a re-send could duplicate.
                    LogIssue($"{contact.UnifiedContactId} -> hubspot: not created, the person has no email to make the create idempotent");
                    context.Counts.AddSkipped(1);
                    entry = null;
                }

                var open = outboxes[target].Open.GetValueOrDefault(contact.UnifiedContactId);
                if (entry is not null && open is not null && (string)open["idempotency_key"]! == entry.IdempotencyKey)
                {
                    context.Counts.AddSkipped(1);
                    continue;
                }

                if (open is not null)
                {
                    var superseded = RowDraft.From(open);
                    superseded["status"] = OutboxStatus.Superseded;
                    superseded["updated_at"] = now;
                    rows[target].Add(superseded.ToRow());
                    context.Counts.AddUpdated(1);
                }

                if (entry is null)
                {
                    continue;
                }

                rows[target].Add(NewRow(context, entry, contact));
                context.Counts.AddCreated(1);
                preview.Add($"{SourceSystemNames.Of(target)} {OutboxOperationNames.Of(entry.Operation)}", entry.Payload);
            }
        }

        if (context.Options.DryRun)
        {
            return;
        }

        await BothCrms.RunAsync(
            () => WriteAsync(context, chunk.Part, SourceSystem.HubSpot, rows[SourceSystem.HubSpot], ids, cancellationToken),
            () => WriteAsync(context, chunk.Part, SourceSystem.Dynamics, rows[SourceSystem.Dynamics], ids, cancellationToken)).ConfigureAwait(false);
    }

    private static OutboxEntry? EntryFor(ContactDelta delta, SourceSystem target)
    {
        foreach (var entry in delta.Entries)
        {
            if (entry.Target == target)
            {
                return entry;
            }
        }

        return null;
    }

    private Row NewRow(StageContext context, OutboxEntry entry, UnifiedContact contact)
    {
        var system = SourceSystemNames.Of(entry.Target);
        var schema = services.Catalog.Schemas[TableNames.Outbox(entry.Target)];
        return new RowDraft(schema)
        {
            ["outbox_id"] = DeterministicGuid.Create(ContactIds.Namespace, $"outbox:{system}:{entry.UnifiedContactId}:{context.Sequence}")
                .ToString("D", CultureInfo.InvariantCulture),
            ["idempotency_key"] = entry.IdempotencyKey,
            ["unified_contact_id"] = entry.UnifiedContactId,
            ["target_id"] = entry.TargetId,
            ["operation"] = OutboxOperationNames.Of(entry.Operation),
            ["payload"] = entry.Payload,
            ["changed_fields"] = entry.Fields.Cast<object?>().ToList(),
            ["field_values"] = entry.Fields.Select(f => new KeyValuePair<object, object?>(f, contact.Fields[f].Value)).ToList(),
            ["status"] = OutboxStatus.Pending,
            ["attempts"] = 0,
            ["created_at"] = context.StartedAt,
            ["updated_at"] = context.StartedAt,
            ["run_id"] = context.RunId,
        }.ToRow();
    }

    private async Task WriteAsync(StageContext context, int part, SourceSystem target, List<Row> rows, HashSet<string> ids, CancellationToken cancellationToken)
    {
        var name = TableNames.Outbox(target);
        new DataTests(name, rows)
            .Unique("outbox_id")
            .NotNull("outbox_id", "idempotency_key", "unified_contact_id", "operation", "payload", "status", "attempts", "created_at", "updated_at", "run_id")
            .AcceptedValues("status", OutboxStatus.All)
            .AcceptedValues("operation", OutboxOperationNames.All)
            .ThrowIfFailed();
        var table = await services.Catalog.OpenAsync(name, cancellationToken).ConfigureAwait(false);
        if (rows.Count > 0)
        {
            await table.MergeAsync(rows, ["outbox_id"], new MergeOptions { Txn = context.Txn(name, part) }, cancellationToken).ConfigureAwait(false);
        }

        var open = await OutboxState.LoadAsync(services.Catalog, target, ids, cancellationToken, openOnly: true).ConfigureAwait(false);
        new DataTests(name, [])
            .Check(open.OpenCountMax <= 1, "at_most_one_open_row_per_person", () => string.Join("; ", open.Duplicated.Take(5)))
            .ThrowIfFailed();
    }

    /// <summary>People related to a standing crosswalk conflict: a CREATE for them would add a duplicate.</summary>
    private async Task<HashSet<string>> BlockedPeopleAsync(CancellationToken cancellationToken)
    {
        var table = await services.Catalog.OpenAsync(TableNames.CrosswalkConflicts, cancellationToken).ConfigureAwait(false);
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var batch in table.ScanAsync(null, ["related_unified_contact_ids"], cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                if (row[0] is IReadOnlyList<object?> related)
                {
                    blocked.UnionWith(related.OfType<string>());
                }
            }
        }

        return blocked;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not pushed: {Issue}")]
    private partial void LogIssue(string issue);
}
