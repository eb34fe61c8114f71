using CrmSync.Core.Configuration;

namespace CrmSync.Pipeline.Configuration;

/// <summary>
/// Loads configs/sources.yaml and configs/field_mappings.yaml from a folder, applies the environment
/// overrides, validates both (one <see cref="ConfigurationException"/> naming file, line and key for
/// every problem) and resolves the secrets: environment references by Core, keyvault: references here.
/// </summary>
public static class PipelineSettingsLoader
{
    public const string SourcesFile = "sources.yaml";
    public const string MappingsFile = "field_mappings.yaml";

    /// <param name="configDirectory">Folder holding both files.</param>
    /// <param name="lakeRootOverride">--lake, which beats CRMSYNC_LAKE and lake.root; null when not given.</param>
    /// <param name="environment">Environment variables (the caller passes them; tests pass a dictionary).</param>
    /// <param name="vaultFactory">Builds the Key Vault client when secrets.key_vault_uri is set; null = <see cref="KeyVaultSecretResolver"/>.</param>
    public static async Task<PipelineSettings> LoadAsync(
        string configDirectory,
        string? lakeRootOverride,
        IReadOnlyDictionary<string, string> environment,
        Func<Uri, ISecretResolver>? vaultFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configDirectory);
        ArgumentNullException.ThrowIfNull(environment);
        var sourcesPath = Path.Combine(configDirectory, SourcesFile);
        var mappingsPath = Path.Combine(configDirectory, MappingsFile);
        var missing = new[] { sourcesPath, mappingsPath }
            .Where(p => !File.Exists(p))
            .Select(p => new ConfigurationError(p, 0, 0, "(file)", $"not found: put {Path.GetFileName(p)} in {configDirectory} or point --config / {EnvironmentVariables.ConfigDirectory} at the folder holding it"))
            .ToList();
        if (missing.Count > 0)
        {
            throw new ConfigurationException(missing);
        }

        var configuration = SyncConfiguration.Load(
            await File.ReadAllTextAsync(sourcesPath, cancellationToken).ConfigureAwait(false), sourcesPath,
            await File.ReadAllTextAsync(mappingsPath, cancellationToken).ConfigureAwait(false), mappingsPath,
            environment);
        var credentials = await ResolveCredentialsAsync(configuration.Sources, sourcesPath, vaultFactory, cancellationToken).ConfigureAwait(false);
        var lakeRoot = lakeRootOverride ?? configuration.Sources.LakeRoot;
        return new PipelineSettings(configuration, lakeRoot, credentials);
    }

    private static async Task<SyncCredentials> ResolveCredentialsAsync(
        SourcesConfig sources, string sourcesPath, Func<Uri, ISecretResolver>? vaultFactory, CancellationToken cancellationToken)
    {
        ISecretResolver? vault = sources.KeyVaultUri is { } uri ? (vaultFactory ?? (u => new KeyVaultSecretResolver(u)))(uri) : null;
        var errors = new List<ConfigurationError>();

        async Task<string?> Resolve(Secret? secret, string key)
        {
            if (secret is null)
            {
                return null;
            }

            if (secret.HasValue)
            {
                return secret.Reveal();
            }

            if (secret.Store == SecretStore.KeyVault && vault is not null)
            {
                return await vault.GetSecretAsync(secret.Name, cancellationToken).ConfigureAwait(false);
            }

            errors.Add(new ConfigurationError(sourcesPath, 0, 0, key, $"secret {secret.Reference} has no value: set the environment variable {secret.Name}"));
            return null;
        }

        var token = await Resolve(sources.HubSpot.Token, "hubspot.auth.token").ConfigureAwait(false);
        var clientSecret = await Resolve(sources.Dynamics.ClientSecret, "dynamics.auth.client_secret").ConfigureAwait(false);
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }

        return new SyncCredentials(token!, clientSecret);
    }
}
