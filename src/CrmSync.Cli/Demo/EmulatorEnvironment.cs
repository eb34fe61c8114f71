using CrmSync.Core.Configuration;
using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.HubSpot;

namespace CrmSync.Cli.Demo;

/// <summary>
/// The overrides that point the shipped configs/sources.yaml at the local emulators, passed to the pipeline instead of
/// the process environment, so a real token or tenant set in the user's shell never reaches the demo or a benchmark
/// (and the emulators' test secrets never leave them).
/// </summary>
internal static class EmulatorEnvironment
{
    public static IReadOnlyDictionary<string, string> For(HubSpotEmulator hubspot, DynamicsEmulator dynamics, string lakeRoot) =>
        For(hubspot.BaseUri, hubspot.Options.AccessToken, dynamics.BaseUri, dynamics.TenantId, dynamics.ClientId, dynamics.ClientSecret, lakeRoot);

    /// <summary>For emulators known only by their URLs (served by another process): their built-in test credentials.</summary>
    public static IReadOnlyDictionary<string, string> For(Uri hubspotBaseUri, Uri dynamicsBaseUri, string lakeRoot)
    {
        var dynamics = new DynamicsEmulatorOptions();
        return For(hubspotBaseUri, new HubSpotEmulatorOptions().AccessToken, dynamicsBaseUri, dynamics.TenantId, dynamics.ClientId, dynamics.ClientSecret, lakeRoot);
    }

    private static Dictionary<string, string> For(Uri hubspotBaseUri, string hubspotToken, Uri dynamicsBaseUri, string tenantId, string clientId,
        string clientSecret, string lakeRoot) =>
        new(StringComparer.Ordinal)
        {
            [EnvironmentVariables.HubSpotBaseUrl] = hubspotBaseUri.ToString(),
            [EnvironmentVariables.HubSpotToken] = hubspotToken,
            [EnvironmentVariables.DynamicsOrgUri] = dynamicsBaseUri.ToString().TrimEnd('/'),
            [EnvironmentVariables.DynamicsAuthorityHost] = dynamicsBaseUri.ToString(),
            [EnvironmentVariables.DynamicsTenantId] = tenantId,
            [EnvironmentVariables.DynamicsClientId] = clientId,
            [EnvironmentVariables.DynamicsClientSecret] = clientSecret,
            [EnvironmentVariables.LakeRoot] = lakeRoot,
        };
}
