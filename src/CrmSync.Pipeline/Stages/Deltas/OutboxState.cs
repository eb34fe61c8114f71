using CrmSync.Core;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Stages.Deltas;

/// <summary>For a set of people, their open (PENDING/FAILED) row and their last SUCCESS row in one outbox
/// (open-only: just who has open rows and how many, with rows of two columns).</summary>
internal sealed class OutboxState
{
    public Dictionary<string, Row> Open { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Row> LastSuccess { get; } = new(StringComparer.Ordinal);

    public int OpenCountMax { get; private set; }

    public List<string> Duplicated { get; } = [];

    public static async Task<OutboxState> LoadAsync(
        LakeCatalog catalog, SourceSystem target, IReadOnlyCollection<string> people, CancellationToken cancellationToken, bool openOnly = false)
    {
        var state = new OutboxState();
        var table = await catalog.OpenAsync(TableNames.Outbox(target), cancellationToken).ConfigureAwait(false);
        var statuses = openOnly ? OutboxStatus.Open : [.. OutboxStatus.Open, OutboxStatus.Success];
        var openCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        // The open-only load is the data test after a write: it counts rows, so two columns are enough.
        IReadOnlyList<string>? columns = openOnly ? ["unified_contact_id", "status"] : null;
        await foreach (var row in KeyLookup.ScanAsync(table, "unified_contact_id", people, columns, Expr.In("status", statuses), cancellationToken)
            .ConfigureAwait(false))
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

        return state;
    }
}
