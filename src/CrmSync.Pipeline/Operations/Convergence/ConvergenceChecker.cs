using CrmSync.Core;
using CrmSync.Core.Configuration;
using CrmSync.Core.Normalization;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Stages.Deltas;
using CrmSync.Pipeline.Stages.Push;
using CrmSync.Pipeline.Stages.Unify;

namespace CrmSync.Pipeline.Operations.Convergence;

/// <summary>
/// Checks that both CRMs agree after a sync: links every live record through silver.id_crosswalk_contacts,
/// normalizes each bi field on both sides the way the pipeline does, and compares. A disagreement is
/// explained when the lake or a sync rule says why (an open manual conflict, a dead-lettered or still pending push,
/// a fill_if_missing field, a person sharing an email with an excluded duplicate, a Dynamics-only person without
/// the match field, which is never created in HubSpot); anything else is unexplained.
/// </summary>
public sealed class ConvergenceChecker(LakeCatalog catalog, FieldMappingSet mappings, FieldValueNormalizer normalizer)
{
    public async Task<ConvergenceReport> CheckAsync(CrmRecords hubspot, CrmRecords dynamics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hubspot);
        ArgumentNullException.ThrowIfNull(dynamics);
        var lake = await LakeFacts.ReadAsync(catalog, cancellationToken).ConfigureAwait(false);
        var explained = new List<ConvergenceFinding>();
        var unexplained = new List<ConvergenceFinding>();
        var fields = mappings.Fields.Where(f => f.Direction == SyncDirection.Bi).ToList();
        int people = 0, compared = 0, agreeing = 0;

        void Add(ConvergenceFinding finding) => (finding.IsExplained ? explained : unexplained).Add(finding);

        foreach (var (person, ids) in lake.People)
        {
            var inHubSpot = ids.HubSpotId is { } h ? hubspot.ById.GetValueOrDefault(h) : null;
            var inDynamics = ids.DynamicsId is { } d ? dynamics.ById.GetValueOrDefault(d) : null;
            if (inHubSpot is null && inDynamics is null)
            {
                continue; // deleted everywhere
            }

            if (inHubSpot is null || inDynamics is null)
            {
                if (!lake.IsExcluded(ids))
                {
                    Add(new ConvergenceFinding(person, ConvergenceFinding.WholeRecord, Presence(inHubSpot, ids.HubSpotId),
                        Presence(inDynamics, ids.DynamicsId), lake.Why(person) ?? WhyNotCreated(inHubSpot, inDynamics)));
                }

                continue;
            }

            people++;
            foreach (var field in fields)
            {
                compared++;
                var hubspotValue = normalizer.Normalize(field, inHubSpot.GetValueOrDefault(field.HubSpotProperty)).Value;
                var dynamicsValue = normalizer.Normalize(field, inDynamics.GetValueOrDefault(field.DynamicsReadName)).Value;
                if (string.Equals(hubspotValue, dynamicsValue, StringComparison.Ordinal))
                {
                    agreeing++;
                    continue;
                }

                var reason = field.Conflict == ConflictRule.Manual && lake.OpenFieldConflicts.Contains((person, field.Name))
                    ? "manual conflict open: a person decides (silver.field_conflicts)"
                    : field.Strategy == WriteStrategy.FillIfMissing && hubspotValue is not null && dynamicsValue is not null
                        ? "fill_if_missing: each CRM keeps the value its users typed"
                        : lake.Why(person);
                Add(new ConvergenceFinding(person, field.Name, hubspotValue, dynamicsValue, reason));
            }
        }

        return new ConvergenceReport(people, compared, agreeing, explained, unexplained, lake.Excluded);
    }

    /// <summary>compute-deltas never creates a HubSpot contact without the match field: only an upsert on it makes the create safe to re-send.</summary>
    private string? WhyNotCreated(IReadOnlyDictionary<string, string?>? inHubSpot, IReadOnlyDictionary<string, string?>? inDynamics)
    {
        var match = mappings.MatchField;
        return inHubSpot is null && inDynamics is not null && normalizer.Normalize(match, inDynamics.GetValueOrDefault(match.DynamicsReadName)).Value is null
            ? $"not created in HubSpot: no {match.Name} to make the create idempotent"
            : null;
    }

    private static string Presence(IReadOnlyDictionary<string, string?>? record, string? id) =>
        record is null ? "(absent)" : $"id {id}";

    /// <summary>The CRM ids the crosswalk links to one person.</summary>
    private sealed record PersonIds(string? HubSpotId, string? DynamicsId);

    /// <summary>What the lake knows that can explain a disagreement.</summary>
    private sealed class LakeFacts
    {
        public SortedDictionary<string, PersonIds> People { get; } = new(StringComparer.Ordinal);

        public HashSet<(string Person, string Field)> OpenFieldConflicts { get; } = [];

        public List<ExcludedRecord> Excluded { get; } = [];

        private HashSet<(string System, string Id)> ExcludedIds { get; } = [];

        private Dictionary<string, string> Reasons { get; } = new(StringComparer.Ordinal);

        public bool IsExcluded(PersonIds ids) =>
            (ids.HubSpotId is { } h && ExcludedIds.Contains((SourceSystemNames.HubSpot, h)))
            || (ids.DynamicsId is { } d && ExcludedIds.Contains((SourceSystemNames.Dynamics, d)));

        public string? Why(string person) => Reasons.GetValueOrDefault(person);

        public static async Task<LakeFacts> ReadAsync(LakeCatalog catalog, CancellationToken cancellationToken)
        {
            var facts = new LakeFacts();
            foreach (var row in await RowsAsync(catalog, TableNames.Crosswalk, null, cancellationToken).ConfigureAwait(false))
            {
                var person = (string)row["unified_contact_id"]!;
                var ids = facts.People.GetValueOrDefault(person) ?? new PersonIds(null, null);
                var sourceId = (string)row["source_id"]!;
                facts.People[person] = (string)row["source_system"]! == SourceSystemNames.HubSpot ? ids with { HubSpotId = sourceId } : ids with { DynamicsId = sourceId };
            }

            foreach (var row in await RowsAsync(catalog, TableNames.CrosswalkConflicts, null, cancellationToken).ConfigureAwait(false))
            {
                var system = (string)row["source_system"]!;
                var sourceId = (string)row["source_id"]!;
                var reason = (string)row["reason"]! + (row["match_email"] is string email ? $" ({email})" : "");
                facts.Excluded.Add(new ExcludedRecord(system, sourceId, reason));
                facts.ExcludedIds.Add((system, sourceId));
                foreach (var related in (IReadOnlyList<object?>?)row["related_unified_contact_ids"] ?? [])
                {
                    facts.Reasons.TryAdd((string)related!, $"shares an email with an excluded duplicate record: {system} {sourceId}");
                }
            }

            foreach (var row in await RowsAsync(catalog, TableNames.FieldConflicts, Expr.Eq("status", FieldConflictStatus.Open), cancellationToken).ConfigureAwait(false))
            {
                facts.OpenFieldConflicts.Add(((string)row["unified_contact_id"]!, (string)row["field"]!));
            }

            foreach (var row in await RowsAsync(catalog, TableNames.DeadLetter, Expr.Eq("status", DeadLetterStatus.Open), cancellationToken).ConfigureAwait(false))
            {
                facts.Reasons[(string)row["unified_contact_id"]!] = $"push to {row["system"]} dead-lettered: {row["error"]}";
            }

            foreach (var system in new[] { SourceSystem.HubSpot, SourceSystem.Dynamics })
            {
                var open = Expr.In("status", OutboxStatus.Open);
                foreach (var row in await RowsAsync(catalog, TableNames.Outbox(system), open, cancellationToken).ConfigureAwait(false))
                {
                    facts.Reasons.TryAdd((string)row["unified_contact_id"]!, $"push to {SourceSystemNames.Of(system)} still {row["status"]} (retried by the next push)");
                }
            }

            return facts;
        }

        private static async Task<List<Row>> RowsAsync(LakeCatalog catalog, string table, Expr? filter, CancellationToken cancellationToken)
        {
            var handle = await catalog.OpenAsync(table, cancellationToken).ConfigureAwait(false);
            return await handle.ToListAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
