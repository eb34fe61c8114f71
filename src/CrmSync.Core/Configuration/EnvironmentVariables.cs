namespace CrmSync.Core.Configuration;

/// <summary>Environment variables that override sources.yaml (the caller passes them in; Core reads no environment).</summary>
public static class EnvironmentVariables
{
    public const string HubSpotToken = "HUBSPOT_TOKEN";
    public const string HubSpotBaseUrl = "HUBSPOT_BASE_URL";
    public const string DynamicsTenantId = "D365_TENANT_ID";
    public const string DynamicsClientId = "D365_CLIENT_ID";
    public const string DynamicsClientSecret = "D365_CLIENT_SECRET";
    public const string DynamicsOrgUri = "D365_ORG_URI";
    public const string DynamicsAuthorityHost = "D365_AUTHORITY_HOST";
    public const string LakeRoot = "CRMSYNC_LAKE";
    public const string ConfigDirectory = "CONFIG_DIR";

    /// <summary>The file name used in errors about an environment variable.</summary>
    public const string ErrorFileName = "environment";

    /// <summary>The folder holding sources.yaml and field_mappings.yaml: CONFIG_DIR, else <paramref name="fallback"/>.</summary>
    public static string ConfigDirectoryOr(IReadOnlyDictionary<string, string> environment, string fallback)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.TryGetValue(ConfigDirectory, out var dir) && !string.IsNullOrWhiteSpace(dir) ? dir.Trim() : fallback;
    }
}
