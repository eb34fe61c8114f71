using System.Text.Json.Nodes;
using CrmSync.Core.ChangeTracking;
using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Crosswalk;
using CrmSync.Core.Deltas;
using CrmSync.Core.Normalization;
using CrmSync.Core.Survivorship;
using CrmSync.Core.Tests.Configuration;
using CrmSync.Core.Tests.Support;

namespace CrmSync.Core.Tests.Flow;

/// <summary>
/// The whole domain on the shipped configuration: two records of one person are linked, merged and
/// pushed; the CRMs store the pushes in their own formats; reading them back pushes nothing more.
/// </summary>
public class NoPingPongTests
{
    private const string Account = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
    private readonly SyncConfiguration _config = SyncConfigurationTests.LoadShipped();

    [Fact]
    public void Pushed_values_read_back_in_each_crms_format_make_no_new_delta()
    {
        var hubspotRecord = new Dictionary<string, string?>
        {
            ["email"] = "Ann.Lee@Example.com", ["firstname"] = "Ann", ["phone"] = "+1 (555) 010-2000",
            ["lifecyclestage"] = "lead", ["hs_email_optout"] = "false", ["jobtitle"] = "CEO",
        };
        var dynamicsRecord = new Dictionary<string, string?>
        {
            ["emailaddress1"] = "ann.lee@example.com", ["firstname"] = "Annie", ["telephone1"] = "+1 555 010 2000",
            ["new_lifecyclestage"] = "100000002", ["donotbulkemail"] = "true", ["jobtitle"] = "CTO",
            ["_parentcustomerid_value"] = Account.ToUpperInvariant(),
        };

        var first = Run(Version(SourceSystem.HubSpot, "101", 0, hubspotRecord), Version(SourceSystem.Dynamics, "d-1", 5, dynamicsRecord), null, null);

        first.Conflicts.Should().ContainSingle().Which.Field.Should().Be("job_title");
        var toHubSpot = first.Delta.Entries.Single(e => e.Target == SourceSystem.HubSpot);
        var toDynamics = first.Delta.Entries.Single(e => e.Target == SourceSystem.Dynamics);
        toHubSpot.Payload.Should().Be($$$"""{"id":"101","properties":{"dynamics_account_id":"{{{Account}}}","hs_email_optout":"true","firstname":"Annie"}}""");
        toDynamics.Payload.Should().Be("""{"new_lifecyclestage":100000001}""");

        StoreAsHubSpotWould(hubspotRecord, toHubSpot.Payload);
        StoreAsDynamicsWould(dynamicsRecord, toDynamics.Payload);
        var second = Run(Version(SourceSystem.HubSpot, "101", 10, hubspotRecord), Version(SourceSystem.Dynamics, "d-1", 10, dynamicsRecord), first.HubSpot, first.Dynamics);

        second.Delta.Entries.Should().BeEmpty();
        second.Conflicts.Should().ContainSingle().Which.Field.Should().Be("job_title");
    }

    private RunResult Run(SourceContact hubspot, SourceContact dynamics, ContactSnapshot? previousHubSpot, ContactSnapshot? previousDynamics)
    {
        var normalizer = new FieldValueNormalizer(_config.Sources.Dynamics.OptionSets);
        var tracker = new FieldChangeTracker(_config.Mappings, normalizer);
        var h = tracker.Apply(previousHubSpot, hubspot).Snapshot;
        var d = tracker.Apply(previousDynamics, dynamics).Snapshot;

        var links = new CrosswalkResolver(_config.Sources.Crosswalk.DuplicateRule).Resolve(new CrosswalkIndex([]),
            [CrosswalkCandidate.From(h, _config.Mappings), CrosswalkCandidate.From(d, _config.Mappings)], Times.T0);
        var unifiedId = links.NewLinks.Select(l => l.UnifiedContactId).Distinct().Should().ContainSingle().Subject;

        var survivorship = new SurvivorshipResolver(_config.Mappings, normalizer).Resolve(unifiedId, h, d);
        var delta = new DeltaCalculator(_config.Mappings, _config.Sources.Dynamics).Compute(survivorship.Contact, h, d, links.Conflicts.Count > 0);
        return new RunResult(h, d, delta, survivorship.Conflicts);
    }

    private static void StoreAsHubSpotWould(Dictionary<string, string?> record, string payload)
    {
        foreach (var (name, value) in JsonNode.Parse(payload)!["properties"]!.AsObject())
        {
            record[name] = value!.GetValue<string>();
        }
    }

    private static void StoreAsDynamicsWould(Dictionary<string, string?> record, string payload)
    {
        foreach (var (name, value) in JsonNode.Parse(payload)!.AsObject())
        {
            record[name] = value?.ToString();
        }
    }

    private static SourceContact Version(SourceSystem system, string id, int minute, Dictionary<string, string?> values) =>
        new(system, id, Times.At(minute), false, new Dictionary<string, string?>(values));

    private sealed record RunResult(ContactSnapshot HubSpot, ContactSnapshot Dynamics, ContactDelta Delta, IReadOnlyList<FieldConflict> Conflicts);
}
