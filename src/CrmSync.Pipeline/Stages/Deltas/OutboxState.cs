using CrmSync.Core;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Stages.Deltas;

/// <summary>For a set of people, their open (PENDING/FAILED) row (whole) and their last SUCCESS row (the columns the
/// read-back overlay needs) in one outbox (open-only: just who has open rows and how many, with rows of two columns).</summary>
internal sealed class OutboxState
{
    public Dictionary<string, Row> Open { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Row> LastSuccess { get; } = new(StringComparer.Ordinal);

    public int OpenCountMax { get; private set; }

    public List<string> Duplicated { get; } = [];

    /// <summary>What deciding a person's delta reads of their rows: the payload, changed_fields and error columns are most
    /// of an outbox's bytes, and a lookup in a large outbox would otherwise decode them for every row it passes.</summary>
    private static readonly string[] DecisionColumns = ["outbox_id", "unified_contact_id", "status", "idempotency_key", "field_values", "updated_at"];

    /// <summary>The open-only load is the data test after a write: it counts rows, so two columns are enough.</summary>
    private static readonly string[] CountColumns = ["unified_contact_id", "status"];

    public static async Task<OutboxState> LoadAsync(
        LakeCatalog catalog, SourceSystem target, IReadOnlyCollection<string> people, CancellationToken cancellationToken, bool openOnly = false)
    {
        var state = new OutboxState();
        var table = await catalog.OpenAsync(TableNames.Outbox(target), cancellationToken).ConfigureAwait(false);
        var statuses = openOnly ? OutboxStatus.Open : [.. OutboxStatus.Open, OutboxStatus.Success];
        var openCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in KeyLookup.ScanAsync(table, "unified_contact_id", people, openOnly ? CountColumns : DecisionColumns,
            Expr.In("status", statuses), cancellationToken).ConfigureAwait(false))
        {
            var id = (string)row["unified_contact_id"]!;
            if ((string)row["status"]! == OutboxStatus.Success)
            {
                if (!state.LastSuccess.TryGetValue(id, out var seen) || (DateTimeOffset)row["updated_at"]! > (DateTimeOffset)seen["updated_at"]!)
                {
                    state.LastSuccess[id] = row;
                }

                continue;
            }

            state.Open[id] = row;
            var count = openCounts[id] = openCounts.GetValueOrDefault(id) + 1;
            if (count == 2)
            {
                state.Duplicated.Add(id);
            }

            state.OpenCountMax = Math.Max(state.OpenCountMax, count);
        }

        if (!openOnly && state.Open.Count > 0)
        {
            await state.LoadWholeOpenRowsAsync(table, cancellationToken).ConfigureAwait(false);
        }

        return state;
    }

    /// <summary>Open rows are superseded by writing them back whole: re-read those few rows with every column.</summary>
    private async Task LoadWholeOpenRowsAsync(DeltaTable table, CancellationToken cancellationToken)
    {
        var people = Open.ToDictionary(kv => (string)kv.Value["outbox_id"]!, kv => kv.Key, StringComparer.Ordinal);
        await foreach (var row in KeyLookup.ScanAsync(table, "outbox_id", people.Keys, extraFilter: Expr.In("status", OutboxStatus.Open),
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (people.TryGetValue((string)row["outbox_id"]!, out var person))
            {
                Open[person] = row;
            }
        }
    }
}
