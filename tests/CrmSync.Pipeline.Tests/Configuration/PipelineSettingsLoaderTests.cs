using CrmSync.Core.Configuration;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.Configuration;

public sealed class PipelineSettingsLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, string> Environment(string? secret = "hs-token-value") => new(StringComparer.Ordinal)
    {
        [EnvironmentVariables.HubSpotToken] = secret ?? "",
        [EnvironmentVariables.DynamicsClientSecret] = "d365-secret-value",
        [EnvironmentVariables.DynamicsOrgUri] = "https://org.example.com/api/data/v9.2/",
    };

    private void Write(string sources, string? mappings = null)
    {
        File.WriteAllText(Path.Combine(_folder.Path, PipelineSettingsLoader.SourcesFile), sources.Replace("{READ_MODE}", "incremental", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_folder.Path, PipelineSettingsLoader.MappingsFile), mappings
            ?? TestConfigs.Mappings.Replace("{TO_HUBSPOT}", "true", StringComparison.Ordinal).Replace("{TO_DYNAMICS}", "true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Loads_both_files_applies_environment_overrides_and_lets_lake_option_win()
    {
        Write(TestConfigs.Sources);

        var settings = await PipelineSettingsLoader.LoadAsync(_folder.Path, "/tmp/lake-option", Environment());

        settings.LakeRoot.Should().Be("/tmp/lake-option");
        settings.Credentials.HubSpotToken.Should().Be("hs-token-value");
        settings.Sources.Dynamics.OrgUri.Should().Be(new Uri("https://org.example.com/"), "a full Web API URL is accepted as the org");
        settings.ToString().Should().NotContain("hs-token-value").And.NotContain("d365-secret-value");
        settings.Credentials.ToString().Should().NotContain("hs-token-value");
    }

    [Fact]
    public async Task A_missing_file_is_a_configuration_error_naming_the_file()
    {
        var load = () => PipelineSettingsLoader.LoadAsync(_folder.Path, null, Environment());

        var error = (await load.Should().ThrowAsync<ConfigurationException>()).Which;
        error.Errors.Select(e => Path.GetFileName(e.File)).Should().BeEquivalentTo([PipelineSettingsLoader.SourcesFile, PipelineSettingsLoader.MappingsFile]);
    }

    [Fact]
    public async Task A_bad_value_names_file_line_and_key()
    {
        Write(TestConfigs.Sources.Replace("batch_size: 100\n  page_size: 200", "batch_size: lots\n  page_size: 200", StringComparison.Ordinal));

        var load = () => PipelineSettingsLoader.LoadAsync(_folder.Path, null, Environment());

        var error = (await load.Should().ThrowAsync<ConfigurationException>()).Which.Errors.Should().ContainSingle().Subject;
        error.File.Should().EndWith(PipelineSettingsLoader.SourcesFile);
        error.Line.Should().BeGreaterThan(0);
        error.Key.Should().Contain("batch_size");
    }

    [Fact]
    public async Task Keyvault_references_are_fetched_through_the_resolver_and_never_printed()
    {
        Write(TestConfigs.Sources
            .Replace("key_vault_uri: ~", "key_vault_uri: https://crmsync-kv.vault.azure.net/", StringComparison.Ordinal)
            .Replace("token: env:HUBSPOT_TOKEN", "token: keyvault:hubspot-token", StringComparison.Ordinal));
        var vault = new FakeVault(new Dictionary<string, string> { ["hubspot-token"] = "token-from-vault" });
        var environment = Environment();
        environment.Remove(EnvironmentVariables.HubSpotToken);

        var settings = await PipelineSettingsLoader.LoadAsync(_folder.Path, null, environment, uri =>
        {
            uri.Should().Be(new Uri("https://crmsync-kv.vault.azure.net/"));
            return vault;
        });

        settings.Credentials.HubSpotToken.Should().Be("token-from-vault");
        vault.Requested.Should().Equal("hubspot-token");
        settings.ToString().Should().NotContain("token-from-vault");
    }

    private sealed class FakeVault(Dictionary<string, string> secrets) : ISecretResolver
    {
        public List<string> Requested { get; } = [];

        public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken)
        {
            Requested.Add(name);
            return Task.FromResult(secrets[name]);
        }
    }
}
