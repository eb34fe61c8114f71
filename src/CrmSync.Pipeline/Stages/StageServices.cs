using CrmSync.Core.Normalization;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Progress;
using CrmSync.Pipeline.Runs;
using Microsoft.Extensions.Logging;

namespace CrmSync.Pipeline.Stages;

/// <summary>What every stage uses: configuration, tables, clients, watermarks, clock, crash hooks, logging, progress.</summary>
internal sealed class StageServices(
    PipelineSettings settings,
    LakeCatalog catalog,
    ConnectorFactory connectors,
    WatermarkStore watermarks,
    TimeProvider clock,
    CrashPoints crash,
    ILoggerFactory loggers,
    IStageProgressSink progress)
{
    public PipelineSettings Settings { get; } = settings;

    public LakeCatalog Catalog { get; } = catalog;

    public ConnectorFactory Connectors { get; } = connectors;

    public WatermarkStore Watermarks { get; } = watermarks;

    public TimeProvider Clock { get; } = clock;

    public CrashPoints Crash { get; } = crash;

    public ILoggerFactory Loggers { get; } = loggers;

    public IStageProgressSink Progress { get; } = progress;

    public FieldValueNormalizer Normalizer { get; } = new(settings.Sources.Dynamics.OptionSets);
}
