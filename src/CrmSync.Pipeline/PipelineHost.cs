using CrmSync.Lake.Storage;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Locking;
using CrmSync.Pipeline.Progress;
using CrmSync.Pipeline.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmSync.Pipeline;

/// <summary>What the pipeline runs on besides its configuration: clock, logging, progress, storage, crash hooks, client tuning, run lock.</summary>
public sealed record PipelineHost
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public ILoggerFactory Loggers { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Where long stages report how far they have got (records, pages, elapsed).</summary>
    public IStageProgressSink Progress { get; init; } = NullStageProgressSink.Instance;

    /// <summary>Where the tables live; null = a local folder at the configured lake root.</summary>
    public IObjectStore? Store { get; init; }

    public CrashPoints Crash { get; init; } = CrashPoints.None;

    public ConnectorTuning Tuning { get; init; } = ConnectorTuning.None;

    /// <summary>The run lock's lease time, renewal period and wait (docs/pipeline.md).</summary>
    public RunLockOptions RunLock { get; init; } = new();
}
