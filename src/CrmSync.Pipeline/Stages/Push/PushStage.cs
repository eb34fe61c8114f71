using CrmSync.Connectors.Common;
using CrmSync.Core;
using CrmSync.Core.Crosswalk;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Audit;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Quality;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Stages.Deltas;
using CrmSync.Pipeline.Stages.Unify;
using Microsoft.Extensions.Logging;

namespace CrmSync.Pipeline.Stages.Push;

/// <summary>
/// push-hubspot / push-dynamics: sends PENDING rows and FAILED rows due for retry (<see cref="DueRows"/>, read a page at a
/// time) in batches, then records every
/// outcome with one outbox merge per few thousand rows sent: SUCCESS; FAILED with attempts, last_error and an exponential
/// next_attempt_at; DEAD (copied to meta.dead_letter) for unrecoverable errors and rows past push.max_attempts.
/// Records a CREATE made in the crosswalk (created_by_push) in the same batch. A crash between the API call and the
/// outbox merge leaves the rows PENDING: re-sent, which is harmless (equal PATCH; creates are idempotent upserts).
/// A daily-quota stop ends the stage cleanly (STOPPED) with unsent rows still PENDING.
/// </summary>
internal sealed partial class PushStage(StageServices services, SourceSystem system) : IStage
{
    /// <summary>Outcomes are recorded every this many sent rows (and at the end), not per API batch: a merge per
    /// 100-row batch rewrote the outbox hundreds of times per run. A crash in between leaves at most this many rows
    /// PENDING, which are re-sent harmlessly (equal PATCH; idempotent creates).</summary>
    private const int OutcomeFlushRows = 5_000;

    private readonly ILogger _logger = services.Loggers.CreateLogger<PushStage>();

    public string Name => system == SourceSystem.HubSpot ? StageNames.PushHubSpot : StageNames.PushDynamics;

    private string Table => TableNames.Outbox(system);

    public Task<IReadOnlyDictionary<string, string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public async Task ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var table = await services.Catalog.OpenAsync(Table, cancellationToken).ConfigureAwait(false);
        var due = await DueRows.FindAsync(table, services.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        context.Counts.AddRead(due.Count);
        if (context.Options.DryRun)
        {
            string? sample = null;
            await foreach (var page in due.PagesAsync(services.Catalog, Table, 1, cancellationToken).ConfigureAwait(false))
            {
                sample = page.Count > 0 ? (string)page[0]["payload"]! : null;
                break;
            }

            context.Preview = new DryRunPreview(
                due.CountByOperation().ToDictionary(kv => $"{SourceSystemNames.Of(system)} {kv.Key}", kv => kv.Value), sample);
            return;
        }

        var audit = new AuditTrail(services.Catalog, context.RunId, Name, services.Clock);
        using var target = CreateTarget(audit, context.Options.BatchSize);
        var writer = new PushOutcomeWriter(services, system, context);
        await writer.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = new PendingOutcomes(writer, audit);
        await foreach (var page in due.PagesAsync(services.Catalog, Table, services.Settings.Sources.PartitionRows, cancellationToken).ConfigureAwait(false))
        {
            if (await SendPageAsync(context, page, target, outcomes, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        await RecordAsync(outcomes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one page of due rows in API batches; true when a quota stopped the stage.</summary>
    private async Task<bool> SendPageAsync(StageContext context, IReadOnlyList<Row> page, IPushTarget target, PendingOutcomes outcomes,
        CancellationToken cancellationToken)
    {
        foreach (var batch in page.Chunk(target.BatchSize))
        {
            services.Crash.At(CrashPoints.PushBeforeSend);
            IReadOnlyList<RecordWriteResult> results;
            try
            {
                results = await target.SendAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (CrmQuotaExhaustedException e)
            {
                await outcomes.FlushAsync(cancellationToken).ConfigureAwait(false);
                Stop(context, e);
                return true;
            }
            catch (Exception) when (outcomes.Count > 0)
            {
                // A failing (or cancelled) call must not cost the outcomes of the batches sent before it.
                await outcomes.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            services.Crash.At(CrashPoints.PushAfterSend);
            outcomes.Add(batch, results);
            if (outcomes.Count >= OutcomeFlushRows || target.QuotaStop is not null)
            {
                await RecordAsync(outcomes, cancellationToken).ConfigureAwait(false);
            }

            if (target.QuotaStop is { } quota)
            {
                Stop(context, quota);
                return true;
            }
        }

        return false;
    }

    private async Task RecordAsync(PendingOutcomes outcomes, CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        await outcomes.FlushAsync(cancellationToken).ConfigureAwait(false);
        services.Crash.At(CrashPoints.PushAfterStatus);
    }

    private void Stop(StageContext context, CrmQuotaExhaustedException e)
    {
        context.StopReason = $"stopped: {SourceSystemNames.Of(system)} quota exhausted ({e.ErrorCode}): {e.Message}; unsent rows stay PENDING for the next run";
        LogQuotaStop(Name, context.StopReason);
    }

    private IPushTarget CreateTarget(AuditTrail audit, int? batchSize)
    {
        var sources = services.Settings.Sources;
        if (system == SourceSystem.HubSpot)
        {
            var size = Math.Min(batchSize ?? sources.HubSpot.BatchSize, 100);
            return new HubSpotPushTarget(services.Connectors.CreateHubSpot(audit), size, services.Settings.Mappings.MatchField.HubSpotProperty);
        }

        return new DynamicsPushTarget(services.Connectors.CreateDynamics(audit), batchSize ?? sources.Dynamics.BatchSize);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Stage}: {Reason}")]
    private partial void LogQuotaStop(string stage, string reason);
}
