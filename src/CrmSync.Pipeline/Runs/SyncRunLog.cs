using System.Text.Json;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Runs;

/// <summary>Reads and writes meta.sync_runs: RUNNING at a stage's start, its outcome at the end (merge by run_id, stage).</summary>
public sealed class SyncRunLog(LakeCatalog catalog)
{
    private static readonly string[] Key = ["run_id", "stage"];

    /// <summary>The stage's latest execution (highest sequence), or null when it never ran.</summary>
    public async Task<SyncRunRecord?> LatestAsync(string stage, CancellationToken cancellationToken)
    {
        var table = await catalog.OpenAsync(TableNames.SyncRuns, cancellationToken).ConfigureAwait(false);
        var rows = await table.ToListAsync(Expr.Eq("stage", stage), cancellationToken: cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : ToRecord(rows.MaxBy(r => (long)r["sequence"]!)!);
    }

    /// <summary>Every execution, newest first (for status and report verbs); <paramref name="limit"/> caps the count.</summary>
    public async Task<IReadOnlyList<SyncRunRecord>> ListAsync(int? limit, CancellationToken cancellationToken)
    {
        var table = await catalog.OpenAsync(TableNames.SyncRuns, cancellationToken).ConfigureAwait(false);
        var rows = await table.ToListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var ordered = rows.Select(ToRecord).OrderByDescending(r => r.StartedAt).ThenByDescending(r => StageNames.InOrder.ToList().IndexOf(r.Stage));
        return [.. limit is { } n ? ordered.Take(n) : ordered];
    }

    public async Task WriteAsync(SyncRunRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = await catalog.OpenAsync(TableNames.SyncRuns, cancellationToken).ConfigureAwait(false);
        var row = new RowDraft(catalog.Schemas[TableNames.SyncRuns])
        {
            ["run_id"] = record.RunId,
            ["stage"] = record.Stage,
            ["sequence"] = record.Sequence,
            ["started_at"] = record.StartedAt,
            ["ended_at"] = record.EndedAt,
            ["status"] = record.Status,
            ["parameters"] = JsonSerializer.Serialize(record.Parameters),
            ["records_read"] = record.RecordsRead,
            ["records_created"] = record.RecordsCreated,
            ["records_updated"] = record.RecordsUpdated,
            ["records_failed"] = record.RecordsFailed,
            ["records_skipped"] = record.RecordsSkipped,
            ["error"] = record.Error,
        };
        await table.MergeAsync([row.ToRow()], Key, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static SyncRunRecord ToRecord(Row row) => new(
        (string)row["run_id"]!,
        (string)row["stage"]!,
        (long)row["sequence"]!,
        (DateTimeOffset)row["started_at"]!,
        (DateTimeOffset?)row["ended_at"],
        (string)row["status"]!,
        row["parameters"] is string json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : new Dictionary<string, string>(),
        row.Get<long>("records_read"),
        row.Get<long>("records_created"),
        row.Get<long>("records_updated"),
        row.Get<long>("records_failed"),
        row.Get<long>("records_skipped"),
        (string?)row["error"]);
}
