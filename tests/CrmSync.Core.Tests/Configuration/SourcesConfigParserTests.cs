using CrmSync.Core.Configuration;
using CrmSync.Core.Tests.Support;

namespace CrmSync.Core.Tests.Configuration;

public class SourcesConfigParserTests
{
    private const string File = "sources.yaml";
    private const string TokenValue = "pat-na1-11111111-2222-3333-4444-555555555555";
    private const string ClientSecretValue = "Zx8Q~sUp3r.S3cr3t-value";

    [Fact]
    public void Parses_settings_and_fills_defaults()
    {
        var config = SourcesConfigParser.Parse(SampleConfig.Sources, File, NoEnvironment.Instance);

        config.LakeRoot.Should().Be("./lake");
        config.KeyVaultUri.Should().BeNull();
        config.HubSpot.BaseUrl.Should().Be(new Uri("https://api.hubapi.com/"));
        config.HubSpot.AuthMode.Should().Be(HubSpotAuthMode.PrivateAppToken);
        config.HubSpot.Token.Reference.Should().Be("env:HUBSPOT_TOKEN");
        config.HubSpot.Token.HasValue.Should().BeFalse();
        config.HubSpot.RateLimits.Should().Be(new HubSpotRateLimits(100, 4, 250_000));
        config.HubSpot.Lookback.Should().Be(TimeSpan.FromMinutes(5));
        config.HubSpot.Properties.Should().BeNull();
        config.Dynamics.OrgUri.Should().Be(new Uri("https://contoso.crm.dynamics.com/"));
        config.Dynamics.WebApiUri.Should().Be(new Uri("https://contoso.crm.dynamics.com/api/data/v9.2/"));
        config.Dynamics.AuthMode.Should().Be(DynamicsAuthMode.ClientSecret);
        config.Dynamics.ReadMode.Should().Be(DynamicsReadMode.Incremental);
        config.Dynamics.RateLimits.Should().Be(new DynamicsRateLimits(6_000, 8));
        config.Dynamics.OptionSets["new_lifecyclestage"].TryGetCode("LEAD", out var code).Should().BeTrue();
        code.Should().Be(100000001);
        config.Dynamics.Lookups["parentcustomerid"].Should().Be(new LookupBinding("parentcustomerid_account", "accounts"));
        config.Retry.Should().Be(new RetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));
        config.Push.MaxAttempts.Should().Be(5);
        config.Crosswalk.DuplicateRule.Should().Be(DuplicateRule.MostRecentlyModified);
        config.DeletionVectors.Should().BeTrue("merged tables use deletion vectors unless a reader needs them off");
    }

    [Fact]
    public void Deletion_vectors_can_be_turned_off_and_a_non_boolean_names_its_line()
    {
        var off = SampleConfig.Sources.Replace("  root: ./lake", "  root: ./lake\n  deletion_vectors: false", StringComparison.Ordinal);
        SourcesConfigParser.Parse(off, File, NoEnvironment.Instance).DeletionVectors.Should().BeFalse();

        var bad = SampleConfig.Sources.Replace("  root: ./lake", "  root: ./lake\n  deletion_vectors: sometimes", StringComparison.Ordinal);
        var errors = Parsing(bad, NoEnvironment.Instance).Should().Throw<ConfigurationException>().Which.Errors;
        errors.Should().ContainSingle().Which.Key.Should().Be("lake.deletion_vectors");
        errors[0].Line.Should().Be(SampleConfig.Sources.Split('\n').ToList().FindIndex(l => l.Contains("root: ./lake", StringComparison.Ordinal)) + 2);
    }

    [Fact]
    public void Partition_rows_default_to_fifty_thousand_and_zero_names_its_key()
    {
        SourcesConfigParser.Parse(SampleConfig.Sources, File, NoEnvironment.Instance).PartitionRows.Should().Be(50_000);

        var set = SampleConfig.Sources.Replace("  root: ./lake", "  root: ./lake\n  partition_rows: 20000", StringComparison.Ordinal);
        SourcesConfigParser.Parse(set, File, NoEnvironment.Instance).PartitionRows.Should().Be(20_000);

        var tiny = SampleConfig.Sources.Replace("  root: ./lake", "  root: ./lake\n  partition_rows: 0", StringComparison.Ordinal);
        Parsing(tiny, NoEnvironment.Instance).Should().Throw<ConfigurationException>()
            .Which.Errors.Should().ContainSingle().Which.Key.Should().Be("lake.partition_rows");
    }

    [Fact]
    public void Compression_defaults_to_zstd_reads_each_codec_and_an_unknown_one_names_its_key_and_line()
    {
        SourcesConfigParser.Parse(SampleConfig.Sources, File, NoEnvironment.Instance).Compression.Should().Be(LakeFileCodec.Zstd);
        foreach (var (spelling, codec) in new[] { ("snappy", LakeFileCodec.Snappy), ("lz4_raw", LakeFileCodec.Lz4Raw), ("uncompressed", LakeFileCodec.Uncompressed), ("zstd", LakeFileCodec.Zstd) })
        {
            var set = SampleConfig.Sources.Replace("  root: ./lake", $"  root: ./lake\n  compression: {spelling}", StringComparison.Ordinal);
            SourcesConfigParser.Parse(set, File, NoEnvironment.Instance).Compression.Should().Be(codec, spelling);
        }

        var bad = SampleConfig.Sources.Replace("  root: ./lake", "  root: ./lake\n  compression: lz4", StringComparison.Ordinal);
        var errors = Parsing(bad, NoEnvironment.Instance).Should().Throw<ConfigurationException>().Which.Errors;
        errors.Should().ContainSingle().Which.Key.Should().Be("lake.compression");
        errors[0].Line.Should().Be(SampleConfig.Sources.Split('\n').ToList().FindIndex(l => l.Contains("root: ./lake", StringComparison.Ordinal)) + 2);
    }

    [Fact]
    public void Optimize_after_files_defaults_to_twenty_accepts_zero_and_a_negative_names_its_key_and_line()
    {
        SourcesConfigParser.Parse(SampleConfig.Sources, File, NoEnvironment.Instance).OptimizeAfterFiles.Should().Be(20);

        var off = SampleConfig.Sources.Replace("  root: ./lake", "  root: ./lake\n  optimize_after_files: 0", StringComparison.Ordinal);
        SourcesConfigParser.Parse(off, File, NoEnvironment.Instance).OptimizeAfterFiles.Should().Be(0);

        var negative = SampleConfig.Sources.Replace("  root: ./lake", "  root: ./lake\n  optimize_after_files: -1", StringComparison.Ordinal);
        var errors = Parsing(negative, NoEnvironment.Instance).Should().Throw<ConfigurationException>().Which.Errors;
        errors.Should().ContainSingle().Which.Key.Should().Be("lake.optimize_after_files");
        errors[0].File.Should().Be(File);
        errors[0].Line.Should().Be(SampleConfig.Sources.Split('\n').ToList().FindIndex(l => l.Contains("root: ./lake", StringComparison.Ordinal)) + 2);
    }

    [Fact]
    public void Reads_durations_limits_and_modes_as_written()
    {
        var yaml = SampleConfig.Sources + """

            retry:
              max_attempts: 7
              base_delay: 200ms
              max_delay: 00:02:00
            push:
              max_attempts: 3
              base_backoff: 30s
              max_backoff: 2h
            crosswalk:
              duplicate_rule: oldest_created
            """;
        yaml = yaml.Replace("  tenant_id: tenant-1", "  tenant_id: tenant-1\n  read_mode: change_tracking\n  lookback: 90s\n  attributes: [emailaddress1, firstname]", StringComparison.Ordinal);

        var config = SourcesConfigParser.Parse(yaml, File, NoEnvironment.Instance);

        config.Retry.Should().Be(new RetryPolicy(7, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(2)));
        config.Push.Should().Be(new PushSettings(3, TimeSpan.FromSeconds(30), TimeSpan.FromHours(2)));
        config.Crosswalk.DuplicateRule.Should().Be(DuplicateRule.OldestCreated);
        config.Dynamics.ReadMode.Should().Be(DynamicsReadMode.ChangeTracking);
        config.Dynamics.Lookback.Should().Be(TimeSpan.FromSeconds(90));
        config.Dynamics.Attributes.Should().Equal("emailaddress1", "firstname");
    }

    [Fact]
    public void A_literal_secret_is_rejected_without_echoing_it()
    {
        var yaml = SampleConfig.Sources.Replace("token: env:HUBSPOT_TOKEN", "token: " + TokenValue, StringComparison.Ordinal);

        var exception = Parsing(yaml, NoEnvironment.Instance).Should().Throw<ConfigurationException>().Which;

        var error = exception.Errors.Should().ContainSingle().Subject;
        error.Key.Should().Be("hubspot.auth.token");
        error.Line.Should().Be(5);
        error.Message.Should().Contain("literal secrets are not allowed");
        exception.Message.Should().NotContain(TokenValue);
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        var environment = new Dictionary<string, string>
        {
            ["HUBSPOT_TOKEN"] = TokenValue,
            ["HUBSPOT_BASE_URL"] = "http://localhost:5101",
            ["D365_ORG_URI"] = "https://fabrikam.crm4.dynamics.com/api/data/v9.2/",
            ["D365_TENANT_ID"] = "tenant-env",
            ["D365_CLIENT_ID"] = "client-env",
            ["D365_CLIENT_SECRET"] = ClientSecretValue,
            ["D365_AUTHORITY_HOST"] = "http://localhost:5102",
            ["CRMSYNC_LAKE"] = "/data/lake",
        };

        var config = SourcesConfigParser.Parse(SampleConfig.Sources, File, environment);

        config.LakeRoot.Should().Be("/data/lake");
        config.HubSpot.BaseUrl.Should().Be(new Uri("http://localhost:5101/"));
        config.HubSpot.Token.Reveal().Should().Be(TokenValue);
        config.Dynamics.OrgUri.Should().Be(new Uri("https://fabrikam.crm4.dynamics.com/"));
        config.Dynamics.AuthorityHost.Should().Be(new Uri("http://localhost:5102/"));
        config.Dynamics.TenantId.Should().Be("tenant-env");
        config.Dynamics.ClientId.Should().Be("client-env");
        config.Dynamics.ClientSecret!.Reveal().Should().Be(ClientSecretValue);
    }

    [Theory]
    [InlineData("fabrikam.crm.dynamics.com", "https://fabrikam.crm.dynamics.com/")]
    [InlineData("https://fabrikam.crm.dynamics.com", "https://fabrikam.crm.dynamics.com/")]
    [InlineData("https://fabrikam.crm.dynamics.com/api/data/v9.2", "https://fabrikam.crm.dynamics.com/")]
    [InlineData("http://127.0.0.1:5200/", "http://127.0.0.1:5200/")]
    public void The_org_uri_accepts_what_people_paste(string pasted, string expected)
    {
        var environment = new Dictionary<string, string> { ["D365_ORG_URI"] = pasted };

        SourcesConfigParser.Parse(SampleConfig.Sources, File, environment).Dynamics.OrgUri.Should().Be(new Uri(expected));
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var environment = new Dictionary<string, string> { ["HUBSPOT_BASE_URL"] = "not a url" };

        var error = Parsing(SampleConfig.Sources, environment).Should().Throw<ConfigurationException>().Which.Errors.Should().ContainSingle().Subject;

        error.File.Should().Be("environment");
        error.Key.Should().Be("HUBSPOT_BASE_URL");
        error.ToString().Should().Be("environment: HUBSPOT_BASE_URL: must be an absolute http(s) URL, got 'not a url'");
    }

    [Fact]
    public void An_env_reference_is_resolved_from_the_given_environment()
    {
        var yaml = SampleConfig.Sources.Replace("env:D365_CLIENT_SECRET", "env:MY_D365_SECRET", StringComparison.Ordinal);
        var environment = new Dictionary<string, string> { ["MY_D365_SECRET"] = ClientSecretValue };

        var secret = SourcesConfigParser.Parse(yaml, File, environment).Dynamics.ClientSecret!;

        secret.Reference.Should().Be("env:MY_D365_SECRET");
        secret.Reveal().Should().Be(ClientSecretValue);
    }

    [Fact]
    public void An_unset_secret_says_which_variable_to_set()
    {
        var secret = SourcesConfigParser.Parse(SampleConfig.Sources, File, NoEnvironment.Instance).HubSpot.Token;

        secret.Invoking(s => s.Reveal()).Should().Throw<InvalidOperationException>().WithMessage("*set the environment variable HUBSPOT_TOKEN*");
    }

    [Fact]
    public void Secret_values_never_appear_in_ToString()
    {
        var environment = new Dictionary<string, string>
        {
            ["HUBSPOT_TOKEN"] = TokenValue,
            ["D365_CLIENT_SECRET"] = ClientSecretValue,
        };

        var text = SourcesConfigParser.Parse(SampleConfig.Sources, File, environment).ToString();

        text.Should().Contain("env:HUBSPOT_TOKEN (value hidden)").And.Contain("env:D365_CLIENT_SECRET (value hidden)");
        text.Should().NotContain(TokenValue).And.NotContain(ClientSecretValue);
    }

    [Fact]
    public void A_keyvault_reference_needs_a_key_vault_uri()
    {
        var yaml = SampleConfig.Sources.Replace("env:D365_CLIENT_SECRET", "keyvault:d365-secret", StringComparison.Ordinal);
        var withVault = yaml + "\nsecrets:\n  key_vault_uri: https://crmsync.vault.azure.net/\n";

        Parsing(yaml, NoEnvironment.Instance).Should().Throw<ConfigurationException>()
            .Which.Errors.Should().ContainSingle(e => e.Key == "dynamics.auth.client_secret" && e.Message.Contains("key_vault_uri", StringComparison.Ordinal));
        var secret = SourcesConfigParser.Parse(withVault, File, NoEnvironment.Instance).Dynamics.ClientSecret!;
        secret.Store.Should().Be(SecretStore.KeyVault);
        secret.WithValue("fetched").Reveal().Should().Be("fetched");
    }

    [Fact]
    public void Limits_beyond_what_the_crm_allows_are_rejected_with_their_line()
    {
        var yaml = SampleConfig.Sources.Replace("  tenant_id: tenant-1", "  tenant_id: tenant-1\n  page_size: 10000\n  rate_limits:\n    concurrency: 100", StringComparison.Ordinal);

        var errors = Parsing(yaml, NoEnvironment.Instance).Should().Throw<ConfigurationException>().Which.Errors;

        errors.Select(e => (e.Key, e.Line)).Should().BeEquivalentTo(new[]
        {
            ("dynamics.page_size", 9),
            ("dynamics.rate_limits.concurrency", 11),
        });
        errors.Should().Contain(e => e.Message.Contains("from 1 to 5000, got '10000'", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_required_settings_name_the_key_and_the_variable()
    {
        var yaml = SampleConfig.Sources
            .Replace("  org_uri: https://contoso.crm.dynamics.com\n", "", StringComparison.Ordinal)
            .Replace("  tenant_id: tenant-1\n", "", StringComparison.Ordinal);

        var errors = Parsing(yaml, NoEnvironment.Instance).Should().Throw<ConfigurationException>().Which.Errors;

        errors.Select(e => e.Key).Should().BeEquivalentTo("dynamics.org_uri", "dynamics.tenant_id");
        errors.Should().Contain(e => e.Message.Contains("D365_ORG_URI", StringComparison.Ordinal));
        var fromEnvironment = new Dictionary<string, string> { ["D365_ORG_URI"] = "contoso.crm.dynamics.com", ["D365_TENANT_ID"] = "t" };
        Parsing(yaml, fromEnvironment).Should().NotThrow();
    }

    [Fact]
    public void Managed_identity_needs_no_client_secret()
    {
        var yaml = SampleConfig.Sources.Replace("    client_secret: env:D365_CLIENT_SECRET", "    mode: managed_identity", StringComparison.Ordinal);

        var dynamics = SourcesConfigParser.Parse(yaml, File, NoEnvironment.Instance).Dynamics;

        dynamics.AuthMode.Should().Be(DynamicsAuthMode.ManagedIdentity);
        dynamics.ClientSecret.Should().BeNull();
    }

    [Fact]
    public void Option_sets_with_repeated_codes_or_non_numeric_codes_are_rejected()
    {
        var yaml = SampleConfig.Sources.Replace("customer: 100000005", "customer: 100000001\n      other: lots", StringComparison.Ordinal);

        var errors = Parsing(yaml, NoEnvironment.Instance).Should().Throw<ConfigurationException>().Which.Errors;

        errors.Select(e => e.Key).Should().BeEquivalentTo(
            "dynamics.option_sets.new_lifecyclestage.customer", "dynamics.option_sets.new_lifecyclestage.other");
    }

    [Fact]
    public void Unknown_sections_and_keys_are_errors()
    {
        var yaml = SampleConfig.Sources + "\nhubspott:\n  base_url: x\n";
        yaml = yaml.Replace("  tenant_id: tenant-1", "  tenantid: tenant-1", StringComparison.Ordinal);

        var errors = Parsing(yaml, NoEnvironment.Instance).Should().Throw<ConfigurationException>().Which.Errors;

        errors.Select(e => e.Key).Should().Contain(["hubspott", "dynamics.tenantid", "dynamics.tenant_id"]);
    }

    [Theory]
    [InlineData("  lookback: 5 minutes", "hubspot.lookback", "duration like 200ms")]
    [InlineData("  lookback: 2d", "hubspot.lookback", "at most")]
    [InlineData("  batch_size: 250", "hubspot.batch_size", "from 1 to 100")]
    [InlineData("  base_url: ftp://api.hubapi.com", "hubspot.base_url", "absolute http(s) URL")]
    public void Bad_values_name_their_key_and_say_what_is_allowed(string line, string key, string message)
    {
        var yaml = SampleConfig.Sources.Replace("hubspot:\n", "hubspot:\n" + line + "\n", StringComparison.Ordinal);

        var error = Parsing(yaml, NoEnvironment.Instance).Should().Throw<ConfigurationException>().Which.Errors.Should().ContainSingle().Subject;

        error.Key.Should().Be(key);
        error.Line.Should().Be(4);
        error.Message.Should().Contain(message);
    }

    [Fact]
    public void A_bad_key_vault_uri_is_rejected()
    {
        var yaml = SampleConfig.Sources + "\nsecrets:\n  key_vault_uri: crmsync-kv\n";

        Parsing(yaml, NoEnvironment.Instance).Should().Throw<ConfigurationException>()
            .Which.Errors.Should().ContainSingle(e => e.Key == "secrets.key_vault_uri");
    }

    private static Func<SourcesConfig> Parsing(string yaml, IReadOnlyDictionary<string, string> environment) =>
        () => SourcesConfigParser.Parse(yaml, File, environment);
}
