using System.Diagnostics;
using CrmSync.Cli.Demo;
using CrmSync.Cli.Emulators;
using CrmSync.Connectors.Common;
using CrmSync.Pipeline;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Runs;
using CrmSync.Sandbox.Seeding;
using Microsoft.Extensions.Logging;

namespace CrmSync.Cli.Bench;

/// <summary>
/// `crmsync bench pipeline`: seeds both emulators (limits off) with N contacts each, runs every stage once (full run),
/// runs them again to read back what the full run pushed, changes 0.1% of each side and runs every stage again (incremental run), timing each stage and sampling the
/// process's peak working set. The lake stages (ingest, unify, scd2, compute-deltas) are the ones with goals; ingest's
/// time waiting for the emulators' HTTP reads is reported apart (StageResult.SourceWait). It runs the configuration in <paramref name="configDirectory"/> (the shipped
/// configs/ by default) pointed at the emulators, with client rate limits off and fast retries.
/// With <paramref name="incrementalRuns"/> above 1 the edits and the incremental run repeat: the first incremental run
/// re-reads the lookback the full run's pushes left, the later ones show the steady state of a scheduled sync.
/// The emulators run in child processes (<see cref="EmulatorProcess"/>), as real CRMs run elsewhere: this process's CPU
/// time, heap, garbage collections and working set are the pipeline's own. They still share the machine's cores.
/// </summary>
public sealed class PipelineBenchmark(string configDirectory, string workDirectory, int contactsPerSide, ILoggerFactory loggers, bool fullLakeOnly = false,
    int incrementalRuns = 1)
{
    public static readonly IReadOnlyList<string> LakeStages = [StageNames.IngestHubSpot, StageNames.IngestDynamics, StageNames.Unify, StageNames.Scd2, StageNames.ComputeDeltas];

    public async Task<IReadOnlyList<StageMeasurement>> RunAsync(CancellationToken cancellationToken)
    {
        var seeding = new SeedOptions { Count = contactsPerSide, Seed = 2024 };
        await using var hubspot = await EmulatorProcess.StartAsync(CrmSystem.HubSpot, seeding, cancellationToken).ConfigureAwait(false);
        await using var dynamics = await EmulatorProcess.StartAsync(CrmSystem.Dynamics, seeding, cancellationToken).ConfigureAwait(false);
        var pipeline = await PipelineAsync(hubspot.BaseUri, dynamics.BaseUri, cancellationToken).ConfigureAwait(false);

        var results = new List<StageMeasurement>();
        if (fullLakeOnly)
        {
            // Up to compute-deltas: what the memory goal is about, without the pushes' growth of the emulators.
            await RunStagesAsync("full", pipeline, results, cancellationToken, [.. StageNames.InOrder.TakeWhile(s => s != StageNames.PushHubSpot)]).ConfigureAwait(false);
            return results;
        }

        await RunStagesAsync("full", pipeline, results, cancellationToken).ConfigureAwait(false);
        // The full run's pushes modified most records: read them back first, so the measured run sees only the 0.1%.
        await RunStagesAsync("settle (read-back)", pipeline, results, cancellationToken).ConfigureAwait(false);
        for (var round = 1; round <= incrementalRuns; round++)
        {
            await BenchEdits.ApplyAsync(hubspot.BaseUri, dynamics.BaseUri, Math.Max(1, contactsPerSide / 1000), round, cancellationToken).ConfigureAwait(false);
            await RunStagesAsync(round == 1 ? "incremental 0.1%" : $"incremental 0.1% #{round}", pipeline, results, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    private static async Task RunStagesAsync(string run, SyncPipeline pipeline, List<StageMeasurement> results, CancellationToken cancellationToken,
        IReadOnlyList<string>? stages = null)
    {
        var options = new StageOptions { RunId = $"bench-{run.Split(' ')[0]}-{Guid.NewGuid():N}"[..32] };
        foreach (var stage in stages ?? StageNames.InOrder)
        {
            using var peak = new PeakSampler();
            var cpuBefore = ProcessCpu();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var pauseBefore = GC.GetTotalPauseDuration();
            var result = await pipeline.RunStageAsync(stage, options, cancellationToken).ConfigureAwait(false);
            results.Add(new StageMeasurement(run, result, peak.Stop(), ProcessCpu() - cpuBefore, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
                GC.GetTotalPauseDuration() - pauseBefore));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{stage} failed during the benchmark: {result.Error}");
            }
        }
    }

    /// <summary>CPU time of this process (all threads), the emulators' not included: less sensitive than wall time to
    /// other work on a shared machine.</summary>
    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private async Task<SyncPipeline> PipelineAsync(Uri hubspot, Uri dynamics, CancellationToken cancellationToken)
    {
        var lakeRoot = Path.Combine(workDirectory, "lake");
        var settings = await PipelineSettingsLoader.LoadAsync(configDirectory, lakeRoot, EmulatorEnvironment.For(hubspot, dynamics, lakeRoot),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SyncPipeline(settings, new PipelineHost
        {
            Loggers = loggers,
            Tuning = new ConnectorTuning(new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(200) }, ClientRateLimits: false),
        });
    }

    /// <summary>Samples the process working set every 50 ms while a stage runs.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _sampling;

        public PeakSampler()
        {
            _sampling = Task.Run(async () =>
            {
                long peak = 0;
                using var process = Process.GetCurrentProcess();
                while (!_stop.IsCancellationRequested)
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                    try
                    {
                        await Task.Delay(50, _stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                return peak;
            });
        }

        public long Stop()
        {
            _stop.Cancel();
            return _sampling.GetAwaiter().GetResult();
        }

        public void Dispose() => _stop.Dispose();
    }
}
