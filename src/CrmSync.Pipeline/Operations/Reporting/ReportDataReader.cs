using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Operations.Status;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Pipeline.Operations.Reporting;

/// <summary>Reads the report's data from meta.sync_runs, meta.audit_log and the status tables.</summary>
public static class ReportDataReader
{
    /// <summary>The most recent runs charted; older ones stay in meta.sync_runs.</summary>
    public const int MaxRuns = 60;

    public static async Task<ReportData> ReadAsync(OperatorLake lake, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(clock);
        var status = await LakeStatusReader.ReadAsync(lake, cancellationToken).ConfigureAwait(false);
        var executions = await new SyncRunLog(lake.Catalog).ListAsync(null, cancellationToken).ConfigureAwait(false);
        var calls = await ApiCallsByRunAsync(lake.Catalog, cancellationToken).ConfigureAwait(false);
        var runs = executions.GroupBy(e => e.RunId, StringComparer.Ordinal).Select(run =>
            {
                var started = run.Min(e => e.StartedAt);
                var ended = run.Max(e => e.EndedAt ?? e.StartedAt);
                var pushes = run.Where(e => e.Stage is StageNames.PushHubSpot or StageNames.PushDynamics).ToList();
                var (total, errors) = calls.GetValueOrDefault(run.Key);
                return new RunSummary(run.Key, started, ended - started, run.Any(e => e.Status == StageStatus.Failed),
                    run.Where(e => e.Stage is StageNames.IngestHubSpot or StageNames.IngestDynamics).Sum(e => e.RecordsRead),
                    pushes.Sum(e => e.RecordsCreated + e.RecordsUpdated), pushes.Sum(e => e.RecordsFailed), total, errors);
            })
            .OrderByDescending(r => r.StartedAt).Take(MaxRuns).OrderBy(r => r.StartedAt).ToList();
        var excluded = await lake.Catalog.ExistsAsync(TableNames.CrosswalkConflicts, cancellationToken).ConfigureAwait(false)
            ? await (await lake.Catalog.OpenAsync(TableNames.CrosswalkConflicts, cancellationToken).ConfigureAwait(false))
                .CountAsync(cancellationToken: cancellationToken).ConfigureAwait(false)
            : 0;
        return new ReportData(clock.GetUtcNow(), runs, status, excluded);
    }

    private static async Task<Dictionary<string, (long Total, long Errors)>> ApiCallsByRunAsync(LakeCatalog catalog, CancellationToken cancellationToken)
    {
        var byRun = new Dictionary<string, (long Total, long Errors)>(StringComparer.Ordinal);
        if (!await catalog.ExistsAsync(TableNames.AuditLog, cancellationToken).ConfigureAwait(false))
        {
            return byRun;
        }

        var audit = await catalog.OpenAsync(TableNames.AuditLog, cancellationToken).ConfigureAwait(false);
        await foreach (var batch in audit.ScanAsync(null, ["run_id", "system", "status"], cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                if ((string)row[1]! is not ("hubspot" or "dynamics"))
                {
                    continue; // operator actions are not API calls
                }

                var (total, errors) = byRun.GetValueOrDefault((string)row[0]!);
                var failed = row[2] is not int status || status >= 400;
                byRun[(string)row[0]!] = (total + 1, errors + (failed ? 1 : 0));
            }
        }

        return byRun;
    }
}
