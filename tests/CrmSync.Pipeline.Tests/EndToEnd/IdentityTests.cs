using CrmSync.Core.Identity;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Stages.Unify;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>Scenarios 4, 5 and 6: creates only with create_missing, no duplicates from an email change, duplicate
/// emails in Dynamics reported and not pushed.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class IdentityTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync(createMissing: false);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_contact_created_on_one_side_appears_on_the_other_only_with_create_missing()
    {
        var hs = _harness.HubSpot.Create(People.HubSpot("solo@example.com", "Solo", "Hub", city: "Austin"));
        _harness.Dynamics.Create(People.Dynamics("dyn-only@example.com", "Dyna", "Only"));
        await _harness.SyncAsync();
        _harness.Dynamics.GetAll().Should().ContainSingle("without create_missing nothing is created in Dynamics");
        _harness.HubSpot.GetAll().Should().ContainSingle("without create_missing nothing is created in HubSpot");

        _harness.WriteConfigs(toHubSpot: false, toDynamics: true);
        _harness.HubSpot.Update(hs.Id, new Dictionary<string, string?> { ["city"] = "Dallas" });
        await _harness.SyncAsync();

        var unifiedId = (await _harness.ReadAsync(TableNames.Crosswalk)).Single(r => (string)r["source_id"]! == hs.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))["unified_contact_id"];
        var created = _harness.Dynamics.Get(Guid.Parse(ContactIds.DynamicsContactIdFor((string)unifiedId!)));
        created.Should().NotBeNull("create_missing.to_dynamics creates the person with a deterministic contactid");
        created!["emailaddress1"].Should().Be("solo@example.com");
        created["address1_city"].Should().Be("Dallas");
        _harness.HubSpot.GetAll().Should().ContainSingle("to_hubspot is still off");
        (await _harness.ReadAsync(TableNames.Crosswalk)).Should().Contain(r => (string)r["match_method"]! == CrosswalkMatchMethod.CreatedByPush);
    }

    [Fact]
    public async Task An_email_change_on_one_side_relinks_nothing_and_duplicates_nothing()
    {
        var hs = _harness.HubSpot.Create(People.HubSpot("old@example.com", "Eve", "Moss"));
        var d = _harness.Dynamics.Create(People.Dynamics("old@example.com", "Eve", "Moss"));
        await _harness.SyncAsync();
        var before = await _harness.ReadAsync(TableNames.Crosswalk);
        before.Select(r => ((string)r["source_system"]!, (string)r["match_method"]!)).Should().BeEquivalentTo(
            [("hubspot", CrosswalkMatchMethod.New), ("dynamics", CrosswalkMatchMethod.Email)], "the HubSpot record names the person, the Dynamics one joins it");

        _harness.HubSpot.Update(hs.Id, new Dictionary<string, string?> { ["email"] = "new@example.com" });
        await _harness.SyncAsync();

        _harness.HubSpot.GetAll().Should().ContainSingle();
        _harness.Dynamics.GetAll().Should().ContainSingle();
        _harness.Dynamics.Get(d.ContactId)!["emailaddress1"].Should().Be("new@example.com", "latest_wins carries the new email over");
        var after = await _harness.ReadAsync(TableNames.Crosswalk);
        after.Should().HaveCount(2);
        after.Select(r => r["unified_contact_id"]).Distinct().Should().ContainSingle()
            .Which.Should().Be(before[0]["unified_contact_id"], "a link, once made, never moves");
        (await _harness.ReadAsync(TableNames.Unified)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_record_that_links_by_email_to_an_existing_person_is_unified_with_that_persons_unchanged_record()
    {
        // The new HubSpot record has no link yet, so unify learns its person only from the email lookup, after the
        // snapshot lookups: the person's Dynamics record, unchanged this run, must still be read for survivorship.
        var d = _harness.Dynamics.Create(People.Dynamics("late@example.com", "Lee", "Late", jobTitle: "Engineer"));
        await _harness.SyncAsync();

        var hs = _harness.HubSpot.Create(People.HubSpot("late@example.com", "Lee", "Late", city: "Oslo"));
        await _harness.SyncAsync();

        var person = (await _harness.ReadAsync(TableNames.Unified)).Should().ContainSingle().Subject;
        person["hubspot_id"].Should().Be(hs.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        person["dynamics_id"].Should().Be(d.ContactId.ToString());
        person["job_title"].Should().Be("Engineer", "the Dynamics value survives: the HubSpot record has none");
        person["city"].Should().Be("Oslo");
    }

    [Fact]
    public async Task Duplicate_emails_in_dynamics_are_reported_and_not_pushed()
    {
        _harness.WriteConfigs(toHubSpot: true, toDynamics: true);
        var first = _harness.Dynamics.Create(People.Dynamics("twin@example.com", "Tom", "Twin"));
        var second = _harness.Dynamics.Create(People.Dynamics("TWIN@example.com", "Tim", "Twin"));
        await _harness.SyncAsync();

        var conflicts = await _harness.ReadAsync(TableNames.CrosswalkConflicts);
        conflicts.Should().ContainSingle().Which["reason"].Should().Be("duplicate_email");
        var loser = (string)conflicts[0]["source_id"]!;
        new[] { first.ContactId.ToString(), second.ContactId.ToString() }.Should().Contain(loser);
        (await _harness.ReadAsync(TableNames.Crosswalk)).Should().NotContain(r => (string)r["source_id"]! == loser);
        (await _harness.ReadAsync(TableNames.HubSpotOutbox)).Should().BeEmpty("the person holding a disputed email gets no create while the conflict stands");
        _harness.HubSpot.GetAll().Should().BeEmpty();

        _harness.Dynamics.Update(Guid.Parse(loser), new Dictionary<string, object?> { ["emailaddress1"] = "tim.twin@example.com" });
        await _harness.SyncAsync();

        (await _harness.ReadAsync(TableNames.CrosswalkConflicts)).Should().BeEmpty("the record no longer shares an email: its conflict is resolved");
        (await _harness.ReadAsync(TableNames.Crosswalk)).Should().Contain(r => (string)r["source_id"]! == loser, "it is linked now");
    }
}
