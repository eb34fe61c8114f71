using CrmSync.Core.Contacts;
using CrmSync.Core.Survivorship;
using CrmSync.Lake;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Quality;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>
/// Decides the surviving values of every touched person with Core's <see cref="SurvivorshipResolver"/> (per-field
/// rules, manual overrides from silver.field_conflicts) and merges their silver.contacts_unified rows (stamped with
/// the partition's unify_seq, which scd2 and compute-deltas consume) and their manual field conflicts.
/// A delete in either CRM retires the person: is_deleted, so history closes and nothing is pushed for them.
/// </summary>
internal sealed class UnifiedContactStep(StageServices services)
{
    private static readonly string[] ConflictKey = ["unified_contact_id", "field"];

    public async Task<long> RunAsync(
        StageContext context,
        int partition,
        IReadOnlyDictionary<string, PersonRecords> people,
        IReadOnlyDictionary<string, ContactSnapshot> hubspot,
        IReadOnlyDictionary<string, ContactSnapshot> dynamics,
        CancellationToken cancellationToken)
    {
        var catalog = services.Catalog;
        var mapper = new UnifiedRowMapper(services.Settings.Mappings, catalog.Schemas[TableNames.Unified]);
        var conflictsTable = await catalog.OpenAsync(TableNames.FieldConflicts, cancellationToken).ConfigureAwait(false);
        var standing = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        await foreach (var row in KeyLookup.ScanAsync(conflictsTable, "unified_contact_id", people.Keys.ToList(), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var id = (string)row["unified_contact_id"]!;
            if (!standing.TryGetValue(id, out var list))
            {
                standing[id] = list = [];
            }

            list.Add(row);
        }

        var unifiedTable = await catalog.OpenAsync(TableNames.Unified, cancellationToken).ConfigureAwait(false);
        var existing = await ExistingStatesAsync(unifiedTable, people.Keys.ToList(), cancellationToken).ConfigureAwait(false);

        var resolver = new SurvivorshipResolver(services.Settings.Mappings, services.Normalizer);
        var unifiedRows = new List<Row>(people.Count);
        var conflictRows = new List<Row>();
        long changed = 0;
        foreach (var person in people.Values)
        {
            var h = person.HubSpotId is { } hid ? hubspot.GetValueOrDefault(hid) : null;
            var d = person.DynamicsId is { } did ? dynamics.GetValueOrDefault(did) : null;
            var personConflicts = standing.GetValueOrDefault(person.UnifiedContactId);
            var result = resolver.Resolve(person.UnifiedContactId, h, d, personConflicts is null ? null : Overrides(personConflicts));
            var contact = result.Contact with
            {
                HubSpotId = person.HubSpotId,
                DynamicsId = person.DynamicsId,
                IsDeleted = h is { IsDeleted: true } || d is { IsDeleted: true },
            };
            var draft = mapper.ToRow(contact, context.StartedAt, UnifySeq(context, partition), context.RunId);
            if (existing.TryGetValue(person.UnifiedContactId, out var before) && SameState(mapper, before, draft))
            {
                draft = RowDraftWith(draft, "updated_at", before["updated_at"]);
            }
            else
            {
                changed++;
            }

            unifiedRows.Add(draft);
            if (result.Conflicts.Count > 0 || personConflicts is not null)
            {
                conflictRows.AddRange(ConflictRows(context, person.UnifiedContactId, result.Conflicts, personConflicts ?? []));
            }
        }

        Test(unifiedRows, conflictRows);
        if (unifiedRows.Count > 0)
        {
            await unifiedTable.MergeAsync(unifiedRows, ["unified_contact_id"], new MergeOptions { Txn = context.Txn(TableNames.Unified, partition) }, cancellationToken)
                .ConfigureAwait(false);
        }

        if (conflictRows.Count > 0)
        {
            await conflictsTable.MergeAsync(conflictRows, ConflictKey, new MergeOptions { Txn = context.Txn(TableNames.FieldConflicts, partition) }, cancellationToken)
                .ConfigureAwait(false);
        }

        return changed;
    }

    /// <summary>The people's rows as <see cref="UnifiedRowMapper.StateColumns"/>, except rows written before state_hash
    /// existed (null there), which are read whole for <see cref="UnifiedRowMapper.SameState"/>.</summary>
    private static async Task<Dictionary<string, Row>> ExistingStatesAsync(DeltaTable table, List<string> people, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, Row>(StringComparer.Ordinal);
        var unhashed = new List<string>();
        await foreach (var row in KeyLookup.ScanAsync(table, "unified_contact_id", people, UnifiedRowMapper.StateColumns, cancellationToken: cancellationToken)
            .ConfigureAwait(false))
        {
            var id = (string)row["unified_contact_id"]!;
            existing[id] = row;
            if (row["state_hash"] is null)
            {
                unhashed.Add(id);
            }
        }

        var whole = new Dictionary<string, Row>(StringComparer.Ordinal);
        await foreach (var row in KeyLookup.ScanAsync(table, "unified_contact_id", unhashed, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            whole[(string)row["unified_contact_id"]!] = row;
        }

        foreach (var id in unhashed)
        {
            if (whole.TryGetValue(id, out var row))
            {
                existing[id] = row;
            }
            else
            {
                // Gone between the two reads: no state to compare with, so the person counts as changed.
                existing.Remove(id);
            }
        }

        return existing;
    }

    private static bool SameState(UnifiedRowMapper mapper, Row before, Row draft) => before["state_hash"] is long hash
        ? hash == (long)draft["state_hash"]!
        : mapper.SameState(before, draft);

    /// <summary>unify_seq of a partition's rows: increasing across executions and, within one, across partitions, so
    /// scd2 and compute-deltas can take the changes partition by partition.</summary>
    public static long UnifySeq(StageContext context, int partition) => (context.Sequence * StageContext.PartsPerSequence) + partition;

    /// <summary>Decisions an operator recorded (override_value set) for this person's manual fields.</summary>
    private static Dictionary<string, ManualOverride> Overrides(List<Row> conflicts) => conflicts
        .Where(r => r["override_value"] is not null)
        .ToDictionary(r => (string)r["field"]!, r => new ManualOverride((string)r["field"]!, (string?)r["override_value"],
            (DateTimeOffset?)r["resolved_at"] ?? (DateTimeOffset)r["detected_at"]!), StringComparer.Ordinal);

    /// <summary>New or changed OPEN rows for today's disagreements; RESOLVED for standing ones that no longer disagree.</summary>
    private IEnumerable<Row> ConflictRows(StageContext context, string unifiedId, IReadOnlyList<FieldConflict> conflicts, List<Row> standing)
    {
        var schema = services.Catalog.Schemas[TableNames.FieldConflicts];
        var byField = standing.ToDictionary(r => (string)r["field"]!, StringComparer.Ordinal);
        foreach (var conflict in conflicts)
        {
            if (byField.TryGetValue(conflict.Field, out var open) && (string)open["status"]! == FieldConflictStatus.Open
                && (string?)open["hubspot_value"] == conflict.HubSpotValue && (string?)open["dynamics_value"] == conflict.DynamicsValue)
            {
                continue;
            }

            yield return new RowDraft(schema)
            {
                ["unified_contact_id"] = unifiedId,
                ["field"] = conflict.Field,
                ["hubspot_value"] = conflict.HubSpotValue,
                ["dynamics_value"] = conflict.DynamicsValue,
                ["status"] = FieldConflictStatus.Open,
                ["detected_at"] = context.StartedAt,
                ["run_id"] = context.RunId,
            }.ToRow();
        }

        var stillOpen = conflicts.Select(c => c.Field).ToHashSet(StringComparer.Ordinal);
        foreach (var row in standing.Where(r => (string)r["status"]! == FieldConflictStatus.Open && !stillOpen.Contains((string)r["field"]!)))
        {
            var resolved = RowDraft.From(row);
            resolved["status"] = FieldConflictStatus.Resolved;
            resolved["resolved_at"] = context.StartedAt;
            resolved["run_id"] = context.RunId;
            yield return resolved.ToRow();
        }
    }

    private static void Test(List<Row> unifiedRows, List<Row> conflictRows)
    {
        var failures = new DataTests(TableNames.Unified, unifiedRows)
            .Unique("unified_contact_id")
            .NotNull("unified_contact_id", "is_deleted", "updated_at", "unify_seq", "run_id")
            .Expect("has_a_record", r => r["hubspot_id"] is null && r["dynamics_id"] is null, r => (string)r["unified_contact_id"]!)
            .Failures.ToList();
        failures.AddRange(new DataTests(TableNames.FieldConflicts, conflictRows)
            .Unique("unified_contact_id", "field")
            .NotNull("unified_contact_id", "field", "status", "detected_at")
            .AcceptedValues("status", FieldConflictStatus.All)
            .Failures);
        if (failures.Count > 0)
        {
            throw new DataTestFailedException(failures);
        }
    }

    private static Row RowDraftWith(Row row, string column, object? value)
    {
        var draft = RowDraft.From(row);
        draft[column] = value;
        return draft.ToRow();
    }
}
