using CrmSync.Core;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Stages.Deltas;

namespace CrmSync.Pipeline.Reading;

/// <summary>Read access to the gold outboxes for status, report and demo verbs.</summary>
public sealed class OutboxReader(LakeCatalog catalog)
{
    public async Task<OutboxCounts> CountAsync(SourceSystem system, CancellationToken cancellationToken)
    {
        var table = await catalog.OpenAsync(TableNames.Outbox(system), cancellationToken).ConfigureAwait(false);
        var byStatus = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var pending = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await foreach (var batch in table.ScanAsync(null, ["status", "operation"], cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                var status = (string)row[0]!;
                byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                if (status == OutboxStatus.Pending)
                {
                    var operation = (string)row[1]!;
                    pending[operation] = pending.GetValueOrDefault(operation) + 1;
                }
            }
        }

        return new OutboxCounts(SourceSystemNames.Of(system), byStatus, pending);
    }

    /// <summary>Rows of one outbox in <paramref name="status"/> (all when null), oldest first.</summary>
    public async Task<IReadOnlyList<Row>> ListAsync(SourceSystem system, string? status, CancellationToken cancellationToken)
    {
        var table = await catalog.OpenAsync(TableNames.Outbox(system), cancellationToken).ConfigureAwait(false);
        var rows = await table.ToListAsync(status is null ? null : Expr.Eq("status", status), cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderBy(r => (DateTimeOffset)r["created_at"]!)];
    }
}
