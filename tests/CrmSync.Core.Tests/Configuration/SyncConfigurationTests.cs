using CrmSync.Core.Configuration;
using CrmSync.Core.Tests.Support;

namespace CrmSync.Core.Tests.Configuration;

public class SyncConfigurationTests
{
    [Fact]
    public void The_shipped_configuration_files_load()
    {
        var config = LoadShipped();

        config.Mappings.Fields.Should().HaveCountGreaterThan(10);
        config.Mappings.Fields.Select(f => f.Conflict).Should().Contain([ConflictRule.LatestWins, ConflictRule.HubSpotWins, ConflictRule.DynamicsWins, ConflictRule.Manual]);
        config.Mappings.Fields.Should().Contain(f => f.Strategy == WriteStrategy.FillIfMissing);
        config.Mappings.Fields.Should().Contain(f => f.Direction != SyncDirection.Bi);
        config.Mappings.Fields.Select(f => f.Type).Should().Contain([FieldType.Email, FieldType.Phone, FieldType.OptionSet, FieldType.Boolean, FieldType.Lookup]);
        config.Sources.Dynamics.OptionSets.Should().ContainKey("new_lifecyclestage");
    }

    [Fact]
    public void The_shipped_files_hold_no_literal_secret()
    {
        var config = LoadShipped();

        config.Sources.HubSpot.Token.Reference.Should().Be("env:HUBSPOT_TOKEN");
        config.Sources.Dynamics.ClientSecret!.Reference.Should().Be("env:D365_CLIENT_SECRET");
    }

    [Fact]
    public void Properties_to_read_are_derived_from_the_mappings_plus_system_fields()
    {
        var config = SyncConfiguration.Load(SampleConfig.Sources, SampleConfig.SourcesFile, SampleConfig.Mappings, SampleConfig.MappingsFile, NoEnvironment.Instance);

        config.HubSpotPropertiesToRead.Should().Equal("hs_object_id", "createdate", "lastmodifieddate", "email", "firstname", "lifecyclestage", "dynamics_account_id");
        config.DynamicsAttributesToRead.Should().Equal("contactid", "createdon", "modifiedon", "emailaddress1", "firstname", "new_lifecyclestage", "_parentcustomerid_value");
    }

    [Fact]
    public void Configured_properties_replace_the_derived_ones_but_keep_system_fields()
    {
        var sources = SampleConfig.Sources.Replace("    token: env:HUBSPOT_TOKEN", "    token: env:HUBSPOT_TOKEN\n  properties: [email, hs_object_id]", StringComparison.Ordinal);

        var config = SyncConfiguration.Load(sources, SampleConfig.SourcesFile, SampleConfig.Mappings, SampleConfig.MappingsFile, NoEnvironment.Instance);

        config.HubSpotPropertiesToRead.Should().Equal("hs_object_id", "createdate", "lastmodifieddate", "email");
    }

    [Fact]
    public void An_option_set_field_without_an_option_set_mapping_points_at_the_field()
    {
        var sources = SampleConfig.Sources.Replace("new_lifecyclestage:", "new_stage:", StringComparison.Ordinal);

        var error = Loading(sources, SampleConfig.Mappings).Should().Throw<ConfigurationException>().Which.Errors.Should().ContainSingle().Subject;

        error.File.Should().Be(SampleConfig.MappingsFile);
        error.Line.Should().Be(13);
        error.Key.Should().Be("lifecycle_stage.dynamics");
        error.Message.Should().Contain("dynamics.option_sets.new_lifecyclestage");
    }

    [Fact]
    public void A_lookup_field_without_a_binding_is_an_error()
    {
        var sources = SampleConfig.Sources.Replace("    parentcustomerid:", "    ownerid:", StringComparison.Ordinal);

        Loading(sources, SampleConfig.Mappings).Should().Throw<ConfigurationException>()
            .Which.Errors.Should().ContainSingle(e => e.Key == "account_id.dynamics" && e.Message.Contains("dynamics.lookups.parentcustomerid", StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_of_both_files_come_in_one_exception()
    {
        var sources = SampleConfig.Sources.Replace("duplicate", "x", StringComparison.Ordinal) + "\ncrosswalk:\n  duplicate_rule: newest\n";
        var mappings = SampleConfig.Mappings.Replace("type: email", "type: mail", StringComparison.Ordinal);

        var errors = Loading(sources, mappings).Should().Throw<ConfigurationException>().Which.Errors;

        errors.Select(e => e.File).Distinct().Should().BeEquivalentTo(SampleConfig.SourcesFile, SampleConfig.MappingsFile);
    }

    [Fact]
    public void The_config_directory_comes_from_CONFIG_DIR_or_the_fallback()
    {
        EnvironmentVariables.ConfigDirectoryOr(new Dictionary<string, string> { ["CONFIG_DIR"] = "/etc/crmsync " }, "configs").Should().Be("/etc/crmsync");
        EnvironmentVariables.ConfigDirectoryOr(NoEnvironment.Instance, "configs").Should().Be("configs");
    }

    private static Func<SyncConfiguration> Loading(string sources, string mappings) =>
        () => SyncConfiguration.Load(sources, SampleConfig.SourcesFile, mappings, SampleConfig.MappingsFile, NoEnvironment.Instance);

    internal static SyncConfiguration LoadShipped()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "configs");
        return SyncConfiguration.Load(
            File.ReadAllText(Path.Combine(folder, "sources.yaml")), "configs/sources.yaml",
            File.ReadAllText(Path.Combine(folder, "field_mappings.yaml")), "configs/field_mappings.yaml",
            NoEnvironment.Instance);
    }
}
