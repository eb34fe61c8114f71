using CrmSync.Connectors.Common;
using CrmSync.Connectors.Dynamics;
using CrmSync.Connectors.HubSpot;
using CrmSync.Core.Configuration;
using Microsoft.Extensions.Logging;
using DynamicsReadMode = CrmSync.Connectors.Dynamics.DynamicsReadMode;

namespace CrmSync.Pipeline.Configuration;

/// <summary>Builds the CRM clients from the configuration; each stage gets its own, reporting calls to its audit trail.</summary>
public sealed class ConnectorFactory(PipelineSettings settings, TimeProvider clock, ILoggerFactory loggers, ConnectorTuning? tuning = null)
{
    private readonly ConnectorTuning _tuning = tuning ?? ConnectorTuning.None;

    public HubSpotClient CreateHubSpot(IApiCallReporter reporter)
    {
        var hubspot = settings.Sources.HubSpot;
        return new HubSpotClient(new HubSpotClientOptions
        {
            BaseUri = hubspot.BaseUrl,
            AccessToken = settings.Credentials.HubSpotToken,
            Properties = settings.Configuration.HubSpotPropertiesToRead,
            SearchPageSize = Math.Min(hubspot.PageSize, 200),
            BatchSize = hubspot.BatchSize,
            RateLimit = new RateLimitOptions(hubspot.RateLimits.Per10Seconds, TimeSpan.FromSeconds(10)) { Enabled = _tuning.ClientRateLimits },
            SearchRateLimit = new RateLimitOptions(hubspot.RateLimits.SearchPerSecond, TimeSpan.FromSeconds(1)) { Enabled = _tuning.ClientRateLimits },
            Retry = _tuning.Retry ?? Retry(settings.Sources.Retry),
            TimeProvider = clock,
            Reporter = reporter,
            Logger = loggers.CreateLogger<HubSpotClient>(),
        });
    }

    /// <summary>The client stages use: outbox payloads already carry option codes (Core's wire format), so it needs no
    /// label lookup and makes no metadata call.</summary>
    public DynamicsClient CreateDynamics(IApiCallReporter reporter) =>
        CreateDynamics(reporter, new DynamicsOptionSetMap(new Dictionary<string, IReadOnlyDictionary<int, string>>()));

    /// <summary>A client with no option sets configured, so it asks the metadata API for every choice column (discover).</summary>
    public DynamicsClient CreateDynamicsForMetadata(IApiCallReporter reporter) => CreateDynamics(reporter, optionSets: null);

    private DynamicsClient CreateDynamics(IApiCallReporter reporter, DynamicsOptionSetMap? optionSets)
    {
        var dynamics = settings.Sources.Dynamics;
        if (dynamics.AuthMode != DynamicsAuthMode.ClientSecret || settings.Credentials.DynamicsClientSecret is null)
        {
            throw new ConfigurationException([new ConfigurationError("sources.yaml", 0, 0, "dynamics.auth.mode",
                "this build authenticates to Dynamics with client_secret only; set dynamics.auth.mode: client_secret and D365_CLIENT_SECRET")]);
        }

        return new DynamicsClient(new DynamicsClientOptions
        {
            OrgUri = dynamics.OrgUri,
            AuthorityHost = dynamics.AuthorityHost,
            TenantId = dynamics.TenantId ?? "",
            ClientId = dynamics.ClientId ?? "",
            ClientSecret = settings.Credentials.DynamicsClientSecret,
            ReadMode = dynamics.ReadMode == Core.Configuration.DynamicsReadMode.ChangeTracking ? DynamicsReadMode.ChangeTracking : DynamicsReadMode.ModifiedOn,
            Columns = settings.Configuration.DynamicsAttributesToRead,
            PageSize = dynamics.PageSize,
            BatchSize = Math.Min(dynamics.BatchSize, 1000),
            OptionSets = optionSets,
            Lookups = [.. dynamics.Lookups.Select(kv => new DynamicsLookupBinding($"_{kv.Key}_value", kv.Value.NavigationProperty, kv.Value.EntitySet))],
            RateLimit = new RateLimitOptions(dynamics.RateLimits.Per5Minutes, TimeSpan.FromMinutes(5)) { Enabled = _tuning.ClientRateLimits },
            MaxConcurrentRequests = dynamics.RateLimits.Concurrency,
            Retry = _tuning.Retry ?? Retry(settings.Sources.Retry),
            TimeProvider = clock,
        }, reporter, loggers.CreateLogger<DynamicsClient>());
    }

    private static RetryOptions Retry(RetryPolicy policy) => new()
    {
        MaxAttempts = policy.MaxAttempts,
        BaseDelay = policy.BaseDelay,
        MaxDelay = policy.MaxDelay,
    };
}
