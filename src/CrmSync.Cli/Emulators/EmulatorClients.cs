using CrmSync.Connectors.Common;
using CrmSync.Connectors.Dynamics;
using CrmSync.Connectors.HubSpot;
using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.HubSpot;

namespace CrmSync.Cli.Emulators;

/// <summary>
/// Client settings for an emulator known only by its URL (it may run in another process): the
/// credentials are the emulators' built-in test values, never a real tenant's.
/// </summary>
public static class EmulatorClients
{
    public static readonly RateLimitOptions Unlimited = new(1, TimeSpan.FromSeconds(1)) { Enabled = false };

    /// <summary>An unlimited budget also lifts search's own per-second limit.</summary>
    public static HubSpotClientOptions HubSpot(Uri baseUri, IApiCallReporter reporter, RateLimitOptions budget)
    {
        var options = new HubSpotClientOptions
        {
            BaseUri = baseUri,
            AccessToken = new HubSpotEmulatorOptions().AccessToken,
            RateLimit = budget,
            Reporter = reporter,
        };
        return budget.Enabled ? options : options with { SearchRateLimit = Unlimited };
    }

    public static DynamicsClientOptions Dynamics(Uri baseUri, RateLimitOptions budget, int batchSize = 1000, DynamicsOptionSetMap? optionSets = null)
    {
        var emulator = new DynamicsEmulatorOptions();
        return new DynamicsClientOptions
        {
            OrgUri = new Uri(baseUri.ToString().TrimEnd('/')),
            AuthorityHost = baseUri,
            TenantId = emulator.TenantId,
            ClientId = emulator.ClientId,
            ClientSecret = emulator.ClientSecret,
            RateLimit = budget,
            BatchSize = batchSize,
            OptionSets = optionSets,
        };
    }
}
