using CrmSync.Core;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Reading;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Stages.Unify;

namespace CrmSync.Pipeline.Operations.Status;

/// <summary>Reads <see cref="LakeStatus"/> from the meta, gold and silver tables (read-only).</summary>
public static class LakeStatusReader
{
    public static async Task<LakeStatus> ReadAsync(OperatorLake lake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var catalog = lake.Catalog;
        var runs = await new SyncRunLog(catalog).ListAsync(null, cancellationToken).ConfigureAwait(false);
        var stages = StageNames.InOrder.Select(stage => runs.Where(r => r.Stage == stage).MaxBy(r => r.Sequence) is { } latest
                ? new StageRunStatus(stage, latest.RunId, latest.Status, latest.StartedAt, latest.EndedAt, latest.RecordsRead, latest.RecordsCreated,
                    latest.RecordsUpdated, latest.RecordsFailed, latest.RecordsSkipped, latest.Error)
                : new StageRunStatus(stage, null, null, null, null, 0, 0, 0, 0, 0, null))
            .ToList();
        var watermarks = await ReadIfExistsAsync(catalog, TableNames.Watermarks, () => new WatermarkStore(catalog).ListAsync(cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        var outboxes = new List<OutboxCounts>();
        foreach (var system in new[] { SourceSystem.HubSpot, SourceSystem.Dynamics })
        {
            if (await catalog.ExistsAsync(TableNames.Outbox(system), cancellationToken).ConfigureAwait(false))
            {
                outboxes.Add(await new OutboxReader(catalog).CountAsync(system, cancellationToken).ConfigureAwait(false));
            }
        }

        var deadLetters = await ReadIfExistsAsync(catalog, TableNames.DeadLetter,
            () => new DeadLetterStore(catalog, catalog.Options.Clock).ListAsync(cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        var conflicts = await ReadIfExistsAsync(catalog, TableNames.FieldConflicts, async () =>
        {
            var table = await catalog.OpenAsync(TableNames.FieldConflicts, cancellationToken).ConfigureAwait(false);
            var rows = await table.ToListAsync(Expr.Eq("status", FieldConflictStatus.Open), ["field"], cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<FieldConflictCount>)[.. rows.GroupBy(r => (string)r["field"]!, StringComparer.Ordinal)
                .Select(g => new FieldConflictCount(g.Key, g.LongCount())).OrderByDescending(c => c.Open).ThenBy(c => c.Field, StringComparer.Ordinal)];
        }, cancellationToken).ConfigureAwait(false);
        return new LakeStatus(lake.Root, stages, watermarks, outboxes, deadLetters, conflicts);
    }

    /// <summary>A lake set up by an older build may lack a table; its part of the status is then empty, not an error.</summary>
    private static async Task<IReadOnlyList<T>> ReadIfExistsAsync<T>(LakeCatalog catalog, string table, Func<Task<IReadOnlyList<T>>> read, CancellationToken cancellationToken) =>
        await catalog.ExistsAsync(table, cancellationToken).ConfigureAwait(false) ? await read().ConfigureAwait(false) : [];
}
