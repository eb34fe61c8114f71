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
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EnvironmentVariables.HubSpotBaseUrl] = hubspot.BaseUri.ToString(),
            [EnvironmentVariables.HubSpotToken] = hubspot.Options.AccessToken,
            [EnvironmentVariables.DynamicsOrgUri] = dynamics.OrgUri,
            [EnvironmentVariables.DynamicsAuthorityHost] = dynamics.BaseUri.ToString(),
            [EnvironmentVariables.DynamicsTenantId] = dynamics.TenantId,
            [EnvironmentVariables.DynamicsClientId] = dynamics.ClientId,
            [EnvironmentVariables.DynamicsClientSecret] = dynamics.ClientSecret,
            [EnvironmentVariables.LakeRoot] = lakeRoot,
        };
}
