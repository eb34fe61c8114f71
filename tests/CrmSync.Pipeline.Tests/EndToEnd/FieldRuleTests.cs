using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Stages.Unify;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>Scenario 3: edits on both sides between runs resolve per each field's rule.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class FieldRuleTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Edits_on_both_sides_resolve_per_rule_fill_if_missing_never_overwrites_and_manual_conflicts_are_not_pushed()
    {
        var hs = _harness.HubSpot.Create(People.HubSpot("ann@example.com", "Ann", "Lee", phone: "+1 555 0100", mobile: "555 0101",
            jobTitle: "Engineer", city: "Boston", lifecycle: "lead"));
        var d = _harness.Dynamics.Create(People.Dynamics("Ann@Example.com ", "Ann", "Lee", phone: "+1 (555) 0100", jobTitle: "Engineer",
            city: "Boston", lifecycle: 100000001));
        await _harness.SyncAsync();
        _harness.Dynamics.Get(d.ContactId)!["mobilephone"].Should().Be("555 0101", "fill_if_missing fills the empty side");

        _harness.HubSpot.Update(hs.Id, new Dictionary<string, string?> { ["lastname"] = "Lee-HubSpot" });
        // Field change times are as fine as ingest cadence: ingest this HubSpot version before HubSpot changes again.
        (await (await _harness.PipelineAsync()).RunStageAsync("ingest-hubspot", new())).Succeeded.Should().BeTrue();
        await Task.Delay(1100); // Dynamics keeps modifiedon to the second: its later edit must fall in a later second.
        _harness.Dynamics.Update(d.ContactId, new Dictionary<string, object?>
        {
            ["lastname"] = "Lee-Dynamics",
            ["new_lifecyclestage"] = 100000005,
            ["mobilephone"] = "555 0777",
            ["jobtitle"] = "VP Engineering",
            ["address1_city"] = "Somerville",
        });
        _harness.HubSpot.Update(hs.Id, new Dictionary<string, string?>
        {
            ["phone"] = "+1 555 0199",
            ["jobtitle"] = "CTO",
            ["city"] = "Cambridge",
            ["firstname"] = "Annie",
        });
        await _harness.SyncAsync();

        var h = _harness.HubSpot.Get(hs.Id)!.Properties;
        var dyn = _harness.Dynamics.Get(d.ContactId)!;
        h["lastname"].Should().Be("Lee-Dynamics", "latest_wins: Dynamics changed last_name after HubSpot did");
        dyn["lastname"].Should().Be("Lee-Dynamics");
        h["firstname"].Should().Be("Annie", "latest_wins: only HubSpot changed first_name");
        dyn["firstname"].Should().Be("Annie");
        h["city"].Should().Be("Cambridge", "latest_wins: HubSpot changed city last");
        dyn["address1_city"].Should().Be("Cambridge");
        h["phone"].Should().Be("+1 (555) 0100", "dynamics_wins: the HubSpot edit is reverted to Dynamics' value");
        dyn["telephone1"].Should().Be("+1 (555) 0100");
        h["lifecyclestage"].Should().Be("lead", "hubspot_wins: the Dynamics edit is reverted");
        dyn["new_lifecyclestage"].Should().Be(100000001);
        h["mobilephone"].Should().Be("555 0101", "fill_if_missing never overwrites a value someone typed");
        dyn["mobilephone"].Should().Be("555 0777");
        h["jobtitle"].Should().Be("CTO", "manual: nothing is pushed while the CRMs disagree");
        dyn["jobtitle"].Should().Be("VP Engineering");

        var conflicts = await _harness.ReadAsync(TableNames.FieldConflicts);
        conflicts.Should().ContainSingle(r => (string)r["field"]! == "job_title" && (string)r["status"]! == FieldConflictStatus.Open)
            .Which["hubspot_value"].Should().Be("CTO");
        var unified = (await _harness.ReadAsync(TableNames.Unified)).Single();
        unified["job_title"].Should().BeNull();
        UnifiedRowMapper.ReadMap(unified["field_winners"])["job_title"].Should().Be(FieldWinners.Unresolved);
    }
}
