using CrmSync.Core.Contacts;
using CrmSync.Core.History;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Quality;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Pipeline.Stages.Scd2;

/// <summary>
/// scd2: for the people unify touched since the last scd2, Core's <see cref="Scd2Planner"/> decides which current
/// versions to close and which to open (a new version only when the checksum of the unified values changes; a
/// deleted person's current version closes). valid_from is the execution's start, kept on resume, so a replay
/// plans nothing new. One merge by (unified_contact_id, valid_from) per chunk of changes (<see cref="UnifiedChanges"/>).
/// </summary>
internal sealed class Scd2Stage(StageServices services) : IStage
{
    private static readonly string[] Key = ["unified_contact_id", "valid_from"];

    public string Name => StageNames.Scd2;

    public Task<IReadOnlyDictionary<string, string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        new UnifiedChanges(services, TableNames.Scd2).PlanAsync(cancellationToken);

    public async Task ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var changes = new UnifiedChanges(services, TableNames.Scd2);
        // The checksum and the history use values only: skipping the texts and winners maps skips most of the read's cost.
        await foreach (var chunk in changes.ReadAsync(context, changes.Mapper.ValueColumns, cancellationToken).ConfigureAwait(false))
        {
            await ApplyAsync(context, chunk, changes.Mapper, cancellationToken).ConfigureAwait(false);
            services.Crash.At(CrashPoints.Scd2AfterChunk);
            await changes.CommitAsync(context, chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyAsync(StageContext context, UnifiedChunk chunk, Unify.UnifiedRowMapper mapper, CancellationToken cancellationToken)
    {
        var contacts = chunk.Rows.Select(mapper.ToContactValues).ToList();
        context.Counts.AddRead(contacts.Count);
        var ids = contacts.Select(c => c.UnifiedContactId).ToHashSet(StringComparer.Ordinal);

        var table = await services.Catalog.OpenAsync(TableNames.Scd2, cancellationToken).ConfigureAwait(false);
        var current = new Dictionary<string, (HistoryRow History, Row Row)>(StringComparer.Ordinal);
        await foreach (var row in KeyLookup.ScanAsync(table, "unified_contact_id", ids, extraFilter: Expr.Eq("is_current", true), cancellationToken: cancellationToken)
            .ConfigureAwait(false))
        {
            current[(string)row["unified_contact_id"]!] = (ToHistory(row), row);
        }

        var plan = new Scd2Planner(services.Settings.Mappings).Plan(
            current.ToDictionary(kv => kv.Key, kv => kv.Value.History, StringComparer.Ordinal), contacts, context.StartedAt);
        var deleted = contacts.Where(c => c.IsDeleted).Select(c => c.UnifiedContactId).ToHashSet(StringComparer.Ordinal);
        var schema = services.Catalog.Schemas[TableNames.Scd2];
        var rows = new List<Row>(plan.RowsToClose.Count + plan.RowsToInsert.Count);
        foreach (var closed in plan.RowsToClose)
        {
            var draft = RowDraft.From(current[closed.UnifiedContactId].Row);
            draft["valid_to"] = closed.ValidTo;
            draft["is_current"] = false;
            draft["is_deleted"] = deleted.Contains(closed.UnifiedContactId);
            rows.Add(draft.ToRow());
        }

        foreach (var opened in plan.RowsToInsert)
        {
            var draft = new RowDraft(schema)
            {
                ["unified_contact_id"] = opened.UnifiedContactId,
                ["checksum"] = opened.Checksum,
                ["valid_from"] = opened.ValidFrom,
                ["valid_to"] = null,
                ["is_current"] = true,
                ["is_deleted"] = false,
                ["run_id"] = context.RunId,
            };
            foreach (var (field, value) in opened.Values)
            {
                draft[field] = value;
            }

            rows.Add(draft.ToRow());
        }

        new DataTests(TableNames.Scd2, rows)
            .Unique("unified_contact_id", "valid_from")
            .NotNull("unified_contact_id", "checksum", "valid_from", "is_current", "is_deleted")
            .Expect("valid_to_after_valid_from", r => r["valid_to"] is DateTimeOffset to && to <= (DateTimeOffset)r["valid_from"]!, r => (string)r["unified_contact_id"]!)
            .ThrowIfFailed();
        if (rows.Count > 0)
        {
            await table.MergeAsync(rows, Key, new MergeOptions { Txn = context.Txn(TableNames.Scd2, chunk.Part) }, cancellationToken).ConfigureAwait(false);
        }

        context.Counts.AddCreated(plan.RowsToInsert.Count);
        context.Counts.AddUpdated(plan.RowsToClose.Count);
        await TestOneCurrentVersionAsync(table, ids, deleted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Exactly one current version per touched live person, none for deleted ones (read back after the write).</summary>
    private static async Task TestOneCurrentVersionAsync(DeltaTable table, HashSet<string> ids, HashSet<string> deleted, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in KeyLookup.ScanAsync(table, "unified_contact_id", ids, ["unified_contact_id"], Expr.Eq("is_current", true), cancellationToken)
            .ConfigureAwait(false))
        {
            var id = (string)row["unified_contact_id"]!;
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        var broken = ids.Where(id => counts.GetValueOrDefault(id) != (deleted.Contains(id) ? 0 : 1)).Take(5).ToList();
        new DataTests(TableNames.Scd2, [])
            .Check(broken.Count == 0, "one_current_version_per_live_person",
                () => string.Join("; ", broken.Select(id => $"{id}: {counts.GetValueOrDefault(id)} current")))
            .ThrowIfFailed();
    }

    private HistoryRow ToHistory(Row row)
    {
        var mappings = services.Settings.Mappings;
        var values = new string?[mappings.Fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (string?)row[mappings.Fields[i].Name];
        }

        return new HistoryRow((string)row["unified_contact_id"]!, (string)row["checksum"]!, new FieldDictionary<string?>(mappings.Names, values),
            (DateTimeOffset)row["valid_from"]!, (DateTimeOffset?)row["valid_to"], (bool)row["is_current"]!);
    }
}
