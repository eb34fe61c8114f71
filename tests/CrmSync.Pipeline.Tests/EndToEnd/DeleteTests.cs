using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>Scenario 10: a delete in a CRM closes the person's SCD2 row and pushes nothing for them.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class DeleteTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Archiving_in_hubspot_closes_the_history_row_and_pushes_nothing_for_the_person()
    {
        var hs = _harness.HubSpot.Create(People.HubSpot("gone@example.com", "Gus", "Gone", city: "Reno"));
        var d = _harness.Dynamics.Create(People.Dynamics("gone@example.com", "Gus", "Gone", city: "Reno"));
        _harness.HubSpot.Create(People.HubSpot("stay@example.com", "Sam", "Stay"));
        await _harness.SyncAsync();
        var history = await _harness.ReadAsync(TableNames.Scd2);
        history.Should().HaveCount(2).And.OnlyContain(r => (bool)r["is_current"]!);

        _harness.HubSpot.Archive(hs.Id);
        _harness.Dynamics.Update(d.ContactId, new Dictionary<string, object?> { ["address1_city"] = "Vegas" });
        var results = await _harness.SyncAsync();

        var unifiedId = (string)(await _harness.ReadAsync(TableNames.Crosswalk)).First(r => (string)r["source_id"]! == d.ContactId.ToString())["unified_contact_id"]!;
        var rows = (await _harness.ReadAsync(TableNames.Scd2)).Where(r => (string)r["unified_contact_id"]! == unifiedId).ToList();
        rows.Should().ContainSingle().Which["is_current"].Should().Be(false);
        rows[0]["valid_to"].Should().NotBeNull();
        (await _harness.ReadAsync(TableNames.Unified)).Single(r => (string)r["unified_contact_id"]! == unifiedId)["is_deleted"].Should().Be(true);
        var runId = results[0].RunId;
        (await _harness.ReadAsync(TableNames.HubSpotOutbox)).Concat(await _harness.ReadAsync(TableNames.DynamicsOutbox))
            .Where(r => (string)r["run_id"]! == runId).Should().BeEmpty("nothing is pushed for a deleted person");
        _harness.HubSpot.Get(hs.Id)!.Archived.Should().BeTrue("the archived contact is not resurrected");
    }
}
