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
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
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

        // The row takes the table's own schema: when an upgrade adds a column here and setup has not run yet, the stage's
        // outcome (the out-of-date error itself) is still recorded, without the new column.
        var row = new RowDraft(table.Schema);
        foreach (var (column, value) in values.Where(v => table.Schema.TryIndexOf(v.Key) >= 0))
        {
            row[column] = value;
        }

        await table.MergeAsync([row.ToRow()], Key, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Optional columns a table made by an older CrmSync may lack read as null.</summary>
    private static SyncRunRecord ToRecord(Row row) => new(
        (string)row["run_id"]!,
        (string)row["stage"]!,
        (long)row["sequence"]!,
        (DateTimeOffset)row["started_at"]!,
        (DateTimeOffset?)Optional(row, "ended_at"),
        (string)row["status"]!,
        Optional(row, "parameters") is string json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : new Dictionary<string, string>(),
        Optional(row, "records_read") as long? ?? 0,
        Optional(row, "records_created") as long? ?? 0,
        Optional(row, "records_updated") as long? ?? 0,
        Optional(row, "records_failed") as long? ?? 0,
        Optional(row, "records_skipped") as long? ?? 0,
        (string?)Optional(row, "error"));

    private static object? Optional(Row row, string column) => row.Schema.TryIndexOf(column) is >= 0 and var ordinal ? row[ordinal] : null;
}
