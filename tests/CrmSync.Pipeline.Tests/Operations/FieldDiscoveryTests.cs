using CrmSync.Core.Configuration;
using CrmSync.Pipeline.Operations.Discovery;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.Operations;

/// <summary>`crmsync discover`'s logic against both emulators: their real metadata endpoints, through the configured clients.</summary>
public sealed class FieldDiscoveryTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_skeleton_pairs_known_fields_and_matching_choice_columns_and_parses_as_field_mappings()
    {
        var suggestions = await CrmMetadataReader.SuggestAsync(await _harness.LoadSettingsAsync(), TimeProvider.System, CancellationToken.None);
        var yaml = FieldMappingSkeleton.Write(suggestions);

        var parsed = FieldMappingsParser.Parse(yaml, "skeleton.yaml");

        parsed.MatchField.Name.Should().Be("email");
        parsed["email"].Should().BeEquivalentTo(new { HubSpotProperty = "email", DynamicsAttribute = "emailaddress1", Type = FieldType.Email });
        parsed["phone"].Should().BeEquivalentTo(new { HubSpotProperty = "phone", DynamicsAttribute = "telephone1", Type = FieldType.Phone });
        parsed["email_opt_out"].Should().BeEquivalentTo(new { HubSpotProperty = "hs_email_optout", DynamicsAttribute = "donotbulkemail", Type = FieldType.Boolean });
        parsed["lifecyclestage"].Should().BeEquivalentTo(new { DynamicsAttribute = "new_lifecyclestage", Type = FieldType.OptionSet },
            "HubSpot's lifecycle labels name the options of the Dynamics choice column");
        parsed.CreateMissingInHubSpot.Should().BeFalse();
        suggestions.Fields.Single(f => f.Name == "lifecyclestage").OptionCodes.Should().Contain("lead", 100000001).And.HaveCount(8);
        yaml.Should().Contain("#     customer: 100000005", "the codes to copy into sources.yaml");
        suggestions.Unpaired.Select(u => u.Name).Should().Contain("company", "HubSpot's company text has no Dynamics column to pair with");
        suggestions.Fields.Should().NotContain(f => f.HubSpotProperty == "hs_object_id" || f.HubSpotProperty == "lastmodifieddate", "read-only properties are never mapped");
    }
}
