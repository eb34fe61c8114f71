using System.Collections.Concurrent;
using CrmSync.Connectors.Common;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Audit;

/// <summary>
/// Collects the connectors' per-call reports in memory and appends them to meta.audit_log once per
/// batch or stage end (never one commit per call). Reports carry no secrets and no field values.
/// call_seq continues after the run's highest one, so a resumed stage never reuses a key.
/// </summary>
public sealed class AuditTrail(LakeCatalog catalog, string runId, string stage, TimeProvider clock) : IApiCallReporter
{
    private readonly ConcurrentQueue<(ApiCallReport Report, DateTimeOffset At)> _pending = new();
    private long? _nextSeq;

    public long CallCount { get; private set; }

    public void Report(ApiCallReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _pending.Enqueue((report, clock.GetUtcNow()));
    }

    /// <summary>Appends the reports gathered since the last flush (one commit; none when there are none).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        var table = await catalog.OpenAsync(TableNames.AuditLog, cancellationToken).ConfigureAwait(false);
        if (_nextSeq is null)
        {
            long max = 0;
            await foreach (var batch in table.ScanAsync(Expr.Eq("run_id", runId), ["call_seq"], cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in batch.Rows)
                {
                    max = Math.Max(max, (long)row[0]!);
                }
            }

            _nextSeq = max + 1;
        }

        var schema = catalog.Schemas[TableNames.AuditLog];
        var rows = new List<CrmSync.Lake.Row>();
        while (_pending.TryDequeue(out var item))
        {
            var (report, at) = item;
            rows.Add(new RowDraft(schema)
            {
                ["run_id"] = runId,
                ["call_seq"] = _nextSeq++,
                ["stage"] = stage,
                ["system"] = report.System,
                ["operation"] = report.Operation,
                ["method"] = report.Method,
                ["path"] = report.Path,
                ["status"] = report.Status,
                ["records"] = report.Records,
                ["latency_ms"] = (long)report.Latency.TotalMilliseconds,
                ["attempt"] = report.Attempt,
                ["correlation_id"] = report.CorrelationId,
                ["error_code"] = report.ErrorCode,
                ["at"] = at,
            }.ToRow());
        }

        CallCount += rows.Count;
        await table.AppendAsync(rows, new WriteOptions { CommitMetadata = new Dictionary<string, string> { ["run_id"] = runId, ["stage"] = stage } },
            cancellationToken).ConfigureAwait(false);
    }
}
