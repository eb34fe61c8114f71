using System.Diagnostics;
using System.Globalization;
using CrmSync.Lake;
using CrmSync.Lake.Storage;
using CrmSync.Pipeline.Audit;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Reading;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Stages;
using CrmSync.Pipeline.Stages.Deltas;
using CrmSync.Pipeline.Stages.Ingest;
using CrmSync.Pipeline.Stages.Optimize;
using CrmSync.Pipeline.Stages.Push;
using CrmSync.Pipeline.Stages.Scd2;
using CrmSync.Pipeline.Stages.Setup;
using CrmSync.Pipeline.Stages.Unify;
using CrmSync.Core;
using Microsoft.Extensions.Logging;

namespace CrmSync.Pipeline;

/// <summary>
/// The medallion sync: runs one stage by name, or all of them in order, recording each execution in
/// meta.sync_runs (RUNNING with its replay parameters, then SUCCEEDED / FAILED / STOPPED). A stage
/// whose previous execution is still RUNNING (the process died) is resumed with the same run id,
/// sequence and parameters; its table writes carry Delta txn ids, so replayed writes are no-ops.
/// </summary>
public sealed partial class SyncPipeline
{
    private readonly PipelineHost _host;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IStage> _stages;

    public SyncPipeline(PipelineSettings settings, PipelineHost? host = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _host = host ?? new PipelineHost();
        Settings = settings;
        _logger = _host.Loggers.CreateLogger("CrmSync.Pipeline");
        var schemas = new TableSchemas(settings.Mappings);
        var store = _host.Store ?? LocalStore(settings.LakeRoot);
        Catalog = new LakeCatalog(store, schemas, LakeTableOptions.For(settings.Sources, _host.Clock)) { DeletionVectors = settings.Sources.DeletionVectors };
        Runs = new SyncRunLog(Catalog);
        Watermarks = new WatermarkStore(Catalog);
        Outbox = new OutboxReader(Catalog);
        DeadLetters = new DeadLetterStore(Catalog, _host.Clock);
        var services = new StageServices(settings, Catalog, new ConnectorFactory(settings, _host.Clock, _host.Loggers, _host.Tuning),
            Watermarks, _host.Clock, _host.Crash, _host.Loggers, _host.Progress);
        IStage[] stages =
        [
            new SetupStage(services),
            new IngestStage(services, SourceSystem.HubSpot),
            new IngestStage(services, SourceSystem.Dynamics),
            new UnifyStage(services),
            new Scd2Stage(services),
            new ComputeDeltasStage(services),
            new PushStage(services, SourceSystem.HubSpot),
            new PushStage(services, SourceSystem.Dynamics),
            new OptimizeStage(services),
        ];
        _stages = stages.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public PipelineSettings Settings { get; }

    /// <summary>Every table by dotted name.</summary>
    public LakeCatalog Catalog { get; }

    /// <summary>meta.sync_runs.</summary>
    public SyncRunLog Runs { get; }

    /// <summary>meta.watermarks.</summary>
    public WatermarkStore Watermarks { get; }

    /// <summary>Counts and rows of the gold outboxes.</summary>
    public OutboxReader Outbox { get; }

    /// <summary>meta.dead_letter: list, show, retry, discard.</summary>
    public DeadLetterStore DeadLetters { get; }

    /// <summary>Runs every stage in order under one run id, holding the run lock throughout; stops at the first stage that fails.</summary>
    public async Task<IReadOnlyList<StageResult>> RunAllAsync(StageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var shared = options with { RunId = options.RunId ?? NewRunId() };
        await using var runLock = await EnterRunLockAsync(RunVerb, shared.RunId, cancellationToken).ConfigureAwait(false);
        var results = new List<StageResult>();
        foreach (var stage in StageNames.InOrder)
        {
            var result = await RunStageAsync(stage, shared, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (!result.Succeeded)
            {
                break;
            }
        }

        return results;
    }

    /// <summary>Runs the stage once; when that resumed a dead execution, runs it again fresh. A resumed execution replays
    /// exactly what it planned before the crash (its window, partitions, chunks); what arrived since (edits ingested by the
    /// rerun's earlier stages, say) is the fresh execution's, so the stages after it never act on a state older than their input.</summary>
    private async Task<StageResult> ExecuteStageAsync(string stageName, StageOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_stages.TryGetValue(stageName, out var stage))
        {
            throw new ArgumentException($"Unknown stage '{stageName}' (stages: {string.Join(", ", StageNames.InOrder)}).", nameof(stageName));
        }

        var (result, resumed) = await ExecuteOnceAsync(stage, options, cancellationToken).ConfigureAwait(false);
        if (resumed && result.Status == StageStatus.Succeeded)
        {
            LogFreshAfterResume(stage.Name);
            (result, _) = await ExecuteOnceAsync(stage, options, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<(StageResult Result, bool Resumed)> ExecuteOnceAsync(IStage stage, StageOptions options, CancellationToken cancellationToken)
    {
        if (stage is SetupStage)
        {
            // sync_runs itself must exist before the run can be recorded.
            await SetupStage.CreateTablesAsync(Catalog, cancellationToken).ConfigureAwait(false);
        }

        var context = await NextExecutionAsync(stage, options, cancellationToken).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        string status;
        string? error = null;
        try
        {
            if (stage is not SetupStage)
            {
                await Catalog.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!context.IsResumed)
            {
                // Planning reads the lake too (an out-of-date table, say): a failure there is the execution's, recorded FAILED.
                context = await StartAsync(stage, context, cancellationToken).ConfigureAwait(false);
            }

            await stage.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
            status = context.StopReason is null ? StageStatus.Succeeded : StageStatus.Stopped;
            error = context.StopReason;
        }
        catch (InjectedCrashException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            status = StageStatus.Failed;
            error = e.Message;
            LogFailed(stage.Name, e);
        }

        var counts = context.Counts;
        var result = new StageResult(stage.Name, context.RunId, context.Sequence, status, counts.Read, counts.Created, counts.Updated,
            counts.Failed, counts.Skipped, watch.Elapsed, error, context.Preview) { SourceWait = context.SourceWait };
        if (!options.DryRun)
        {
            await Runs.WriteAsync(new SyncRunRecord(context.RunId, stage.Name, context.Sequence, context.StartedAt, _host.Clock.GetUtcNow(),
                status, context.Parameters, counts.Read, counts.Created, counts.Updated, counts.Failed, counts.Skipped, error), cancellationToken).ConfigureAwait(false);
        }

        LogCompleted(stage.Name, counts.Read, counts.Written, counts.Failed, watch.Elapsed.TotalSeconds, status);
        return (result, context.IsResumed);
    }

    /// <summary>The stage's execution that died RUNNING, to resume; else a new one, not yet planned.</summary>
    private async Task<StageContext> NextExecutionAsync(IStage stage, StageOptions options, CancellationToken cancellationToken)
    {
        var latest = await Runs.LatestAsync(stage.Name, cancellationToken).ConfigureAwait(false);
        if (latest is { Status: StageStatus.Running } && !options.DryRun)
        {
            LogResuming(stage.Name, latest.RunId, latest.Sequence);
            return new StageContext(stage.Name, latest.RunId, latest.Sequence, latest.StartedAt, isResumed: true, options, latest.Parameters);
        }

        var sequence = (latest?.Sequence ?? 0) + 1;
        var runId = options.RunId ?? NewRunId();
        return new StageContext(stage.Name, runId, sequence, _host.Clock.GetUtcNow(), isResumed: false, options, new Dictionary<string, string>());
    }

    /// <summary>Plans a new execution and records it RUNNING with its replay parameters.</summary>
    private async Task<StageContext> StartAsync(IStage stage, StageContext planning, CancellationToken cancellationToken)
    {
        var parameters = await stage.PlanAsync(planning, cancellationToken).ConfigureAwait(false);
        LogStarting(stage.Name, planning.RunId, planning.Sequence);
        if (!planning.Options.DryRun)
        {
            await Runs.WriteAsync(new SyncRunRecord(planning.RunId, stage.Name, planning.Sequence, planning.StartedAt, null, StageStatus.Running, parameters,
                0, 0, 0, 0, 0, null), cancellationToken).ConfigureAwait(false);
        }

        return new StageContext(stage.Name, planning.RunId, planning.Sequence, planning.StartedAt, isResumed: false, planning.Options, parameters);
    }

    private string NewRunId() =>
        _host.Clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    private static LocalFileSystemStore LocalStore(string lakeRoot)
    {
        Directory.CreateDirectory(lakeRoot);
        return new LocalFileSystemStore(lakeRoot);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {Stage} (run {RunId}, sequence {Sequence})")]
    private partial void LogStarting(string stage, string runId, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Stage}: the resumed execution is done; a fresh one takes what arrived since")]
    private partial void LogFreshAfterResume(string stage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming {Stage} (run {RunId}, sequence {Sequence}): its last execution did not finish")]
    private partial void LogResuming(string stage, string runId, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Completed {Stage}: {Read} read, {Written} written, {Failed} failed in {Seconds:F1}s ({Status})")]
    private partial void LogCompleted(string stage, long read, long written, long failed, double seconds, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Stage} failed")]
    private partial void LogFailed(string stage, Exception exception);
}
