using CrmSync.Connectors.Common;
using CrmSync.Core.Configuration;
using CrmSync.Core.Normalization;
using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Runs;
using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.HubSpot;

namespace CrmSync.Pipeline.Tests.Support;

/// <summary>
/// Both CRM emulators on 127.0.0.1, a config folder and a lake in a temp folder, and pipelines pointed at them
/// through the environment overrides (as a Databricks job would be). Client retries are milliseconds apart.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private readonly TempFolder _folder = new();

    private SyncHarness(HubSpotEmulator hubspot, DynamicsEmulator dynamics)
    {
        HubSpot = hubspot;
        Dynamics = dynamics;
        ConfigDirectory = Path.Combine(_folder.Path, "configs");
        LakeRoot = Path.Combine(_folder.Path, "lake");
        Directory.CreateDirectory(ConfigDirectory);
    }

    public HubSpotEmulator HubSpot { get; }

    public DynamicsEmulator Dynamics { get; }

    public string ConfigDirectory { get; }

    public string LakeRoot { get; }

    public CollectingLoggerProvider Logs { get; } = new();

    public ShiftableClock Clock { get; } = new();

    public Dictionary<string, string> Environment => new(StringComparer.Ordinal)
    {
        [EnvironmentVariables.HubSpotBaseUrl] = HubSpot.BaseUri.ToString(),
        [EnvironmentVariables.HubSpotToken] = HubSpot.Options.AccessToken,
        [EnvironmentVariables.DynamicsOrgUri] = Dynamics.OrgUri,
        [EnvironmentVariables.DynamicsAuthorityHost] = Dynamics.BaseUri.ToString(),
        [EnvironmentVariables.DynamicsTenantId] = Dynamics.TenantId,
        [EnvironmentVariables.DynamicsClientId] = Dynamics.ClientId,
        [EnvironmentVariables.DynamicsClientSecret] = Dynamics.ClientSecret,
        [EnvironmentVariables.LakeRoot] = LakeRoot,
    };

    /// <param name="dynamicsClock">Drives the Dynamics emulator's modifiedon (default: real time).</param>
    public static async Task<SyncHarness> StartAsync(bool createMissing = true, string readMode = "incremental", TimeProvider? dynamicsClock = null)
    {
        var hubspot = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { LimitsEnabled = false });
        var dynamics = await DynamicsEmulator.StartAsync(new DynamicsEmulatorOptions { TimeProvider = dynamicsClock ?? TimeProvider.System });
        dynamics.Limits.Enabled = false;
        hubspot.Faults.RateLimitedRetryAfter = TimeSpan.FromMilliseconds(10);
        dynamics.Faults.RateLimitedRetryAfter = TimeSpan.FromMilliseconds(10);
        var harness = new SyncHarness(hubspot, dynamics);
        harness.WriteConfigs(createMissing, createMissing, readMode);
        return harness;
    }

    public void WriteConfigs(bool toHubSpot, bool toDynamics, string readMode = "incremental")
    {
        File.WriteAllText(Path.Combine(ConfigDirectory, PipelineSettingsLoader.SourcesFile), TestConfigs.Sources.Replace("{READ_MODE}", readMode, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(ConfigDirectory, PipelineSettingsLoader.MappingsFile), TestConfigs.Mappings
            .Replace("{TO_HUBSPOT}", toHubSpot ? "true" : "false", StringComparison.Ordinal)
            .Replace("{TO_DYNAMICS}", toDynamics ? "true" : "false", StringComparison.Ordinal));
    }

    public Task<PipelineSettings> LoadSettingsAsync() => PipelineSettingsLoader.LoadAsync(ConfigDirectory, null, Environment);

    public async Task<SyncPipeline> PipelineAsync(CrashPoints? crash = null) => new(await LoadSettingsAsync(), new PipelineHost
    {
        Clock = Clock,
        Loggers = Logs,
        Crash = crash ?? CrashPoints.None,
        Tuning = new ConnectorTuning(new RetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(2), MaxDelay = TimeSpan.FromMilliseconds(30), UseJitter = false }, ClientRateLimits: false),
    });

    /// <summary>Runs every stage and requires each to succeed.</summary>
    public async Task<IReadOnlyList<StageResult>> SyncAsync(StageOptions? options = null, CrashPoints? crash = null)
    {
        var pipeline = await PipelineAsync(crash);
        var results = await pipeline.RunAllAsync(options ?? new StageOptions());
        results.Should().HaveCount(StageNames.InOrder.Count);
        results.Should().OnlyContain(r => r.Succeeded, string.Join(System.Environment.NewLine, results.Select(r => $"{r.Stage}: {r.Status} {r.Error}")));
        return results;
    }

    public async Task<List<Row>> ReadAsync(string table)
    {
        var pipeline = await PipelineAsync();
        var handle = await pipeline.Catalog.OpenAsync(table, CancellationToken.None);
        return await handle.ToListAsync();
    }

    /// <summary>Makes <paramref name="table"/> what an older CrmSync left: the same rows in data files without
    /// <paramref name="column"/>.</summary>
    public async Task RewriteWithoutColumnAsync(string table, string column)
    {
        var catalog = (await PipelineAsync()).Catalog;
        var rows = await (await catalog.OpenAsync(table, CancellationToken.None)).ToListAsync();
        var older = new StructType(catalog.Schemas[table].Fields.Where(f => f.Name != column));
        Directory.Delete(Path.Combine(LakeRoot, TableNames.RelativePath(table)), recursive: true);
        var handle = await DeltaTable.CreateAsync(catalog.Store, TableNames.RelativePath(table), older);
        await handle.AppendAsync(rows.Select(r => new Row(older, older.Fields.Select(f => r[f.Name]).ToArray())));
    }

    public async Task<FieldValueNormalizer> NormalizerAsync() => new((await LoadSettingsAsync()).Sources.Dynamics.OptionSets);

    public async ValueTask DisposeAsync()
    {
        await HubSpot.DisposeAsync();
        await Dynamics.DisposeAsync();
        _folder.Dispose();
    }
}
