using System.Diagnostics;
using System.Globalization;
using CrmSync.Connectors.Common;
using CrmSync.Core.Configuration;
using CrmSync.Pipeline;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Runs;
using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.HubSpot;
using CrmSync.Sandbox.Seeding;
using Microsoft.Extensions.Logging;

namespace CrmSync.Cli.Bench;

/// <summary>
/// `crmsync bench pipeline`: seeds both emulators (limits off) with N contacts each, runs every stage once (full run),
/// runs them again to read back what the full run pushed, changes 0.1% of each side and runs every stage again (incremental run), timing each stage and sampling the
/// process's peak working set. The lake stages (ingest, unify, scd2, compute-deltas) are the ones with goals; ingest
/// includes reading the emulator over HTTP.
/// </summary>
public sealed class PipelineBenchmark(string workDirectory, int contactsPerSide, string mappingsYaml, ILoggerFactory loggers)
{
    public static readonly IReadOnlyList<string> LakeStages = [StageNames.IngestHubSpot, StageNames.IngestDynamics, StageNames.Unify, StageNames.Scd2, StageNames.ComputeDeltas];

    public async Task<IReadOnlyList<(string Run, StageResult Result, long PeakBytes)>> RunAsync(CancellationToken cancellationToken)
    {
        await using var hubspot = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { LimitsEnabled = false }, cancellationToken).ConfigureAwait(false);
        await using var dynamics = await DynamicsEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        dynamics.Limits.Enabled = false;
        var seed = new SeedOptions { Count = contactsPerSide, Seed = 2024 };
        hubspot.Seed(contactsPerSide, seed);
        dynamics.Seed(contactsPerSide, seed);
        var pipeline = await PipelineAsync(hubspot, dynamics, cancellationToken).ConfigureAwait(false);

        var results = new List<(string, StageResult, long)>();
        await RunStagesAsync("full", pipeline, results, cancellationToken).ConfigureAwait(false);
        // The full run's pushes modified most records: read them back first, so the measured run sees only the 0.1%.
        await RunStagesAsync("settle (read-back)", pipeline, results, cancellationToken).ConfigureAwait(false);
        Change(hubspot, dynamics, Math.Max(1, contactsPerSide / 1000));
        await RunStagesAsync("incremental 0.1%", pipeline, results, cancellationToken).ConfigureAwait(false);
        return results;
    }

    private static async Task RunStagesAsync(string run, SyncPipeline pipeline, List<(string, StageResult, long)> results, CancellationToken cancellationToken)
    {
        var options = new StageOptions { RunId = $"bench-{run.Split(' ')[0]}-{Guid.NewGuid():N}"[..32] };
        foreach (var stage in StageNames.InOrder)
        {
            using var peak = new PeakSampler();
            var result = await pipeline.RunStageAsync(stage, options, cancellationToken).ConfigureAwait(false);
            results.Add((run, result, peak.Stop()));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{stage} failed during the benchmark: {result.Error}");
            }
        }
    }

    /// <summary>0.1% of each side edited: a city in HubSpot, a job title in Dynamics.</summary>
    private static void Change(HubSpotEmulator hubspot, DynamicsEmulator dynamics, int count)
    {
        foreach (var contact in hubspot.GetAll(includeArchived: false).Take(count))
        {
            hubspot.Update(contact.Id, new Dictionary<string, string?> { ["city"] = "Bench City " + contact.Id.ToString(CultureInfo.InvariantCulture) });
        }

        foreach (var contact in dynamics.GetAll().Take(count))
        {
            dynamics.Update(contact.ContactId, new Dictionary<string, object?> { ["address1_city"] = "Bench Town" });
        }
    }

    private async Task<SyncPipeline> PipelineAsync(HubSpotEmulator hubspot, DynamicsEmulator dynamics, CancellationToken cancellationToken)
    {
        var configs = Path.Combine(workDirectory, "configs");
        Directory.CreateDirectory(configs);
        await File.WriteAllTextAsync(Path.Combine(configs, PipelineSettingsLoader.SourcesFile), Sources, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(configs, PipelineSettingsLoader.MappingsFile), mappingsYaml, cancellationToken).ConfigureAwait(false);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EnvironmentVariables.HubSpotBaseUrl] = hubspot.BaseUri.ToString(),
            [EnvironmentVariables.HubSpotToken] = hubspot.Options.AccessToken,
            [EnvironmentVariables.DynamicsOrgUri] = dynamics.OrgUri,
            [EnvironmentVariables.DynamicsAuthorityHost] = dynamics.BaseUri.ToString(),
            [EnvironmentVariables.DynamicsTenantId] = dynamics.TenantId,
            [EnvironmentVariables.DynamicsClientId] = dynamics.ClientId,
            [EnvironmentVariables.DynamicsClientSecret] = dynamics.ClientSecret,
        };
        var settings = await PipelineSettingsLoader.LoadAsync(configs, Path.Combine(workDirectory, "lake"), environment, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return new SyncPipeline(settings, new PipelineHost
        {
            Loggers = loggers,
            Tuning = new ConnectorTuning(new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(200) }, ClientRateLimits: false),
        });
    }

    private const string Sources = """
        lake:
          root: ./lake
        hubspot:
          base_url: https://api.hubapi.com
          auth:
            mode: private_app_token
            token: env:HUBSPOT_TOKEN
          batch_size: 100
          page_size: 200
          lookback: 5m
        dynamics:
          org_uri: https://contoso.crm.dynamics.com
          tenant_id: t
          client_id: c
          auth:
            mode: client_secret
            client_secret: env:D365_CLIENT_SECRET
          batch_size: 1000
          page_size: 5000
          lookback: 5m
          option_sets:
            new_lifecyclestage:
              subscriber: 100000000
              lead: 100000001
              marketingqualifiedlead: 100000002
              salesqualifiedlead: 100000003
              opportunity: 100000004
              customer: 100000005
              evangelist: 100000006
              other: 100000007
          lookups:
            parentcustomerid:
              navigation_property: parentcustomerid_account
              entity_set: accounts
        """;

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
