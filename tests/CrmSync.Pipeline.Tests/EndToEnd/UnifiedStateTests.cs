using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>contacts_unified.updated_at is the last time a person's state changed: unify re-decides every touched person,
/// and tells an unchanged one by state_hash, or, in rows an older CrmSync wrote without it, by the whole row.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class UnifiedStateTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_touched_person_whose_state_is_the_same_keeps_updated_at_and_a_changed_one_moves_it()
    {
        var ada = await SyncAdaAsync();
        var before = await AdaAsync();
        before["state_hash"].Should().BeOfType<long>();

        await ChangeAndSyncAsync(ada, "phone", "+1 555 0199");
        var touched = await AdaAsync();

        touched["run_id"].Should().NotBe(before["run_id"], "unify re-decided her");
        touched["updated_at"].Should().Be(before["updated_at"], "her state did not change");
        touched["state_hash"].Should().Be(before["state_hash"]);

        await ChangeAndSyncAsync(ada, "firstname", "Augusta");
        var renamed = await AdaAsync();

        renamed["updated_at"].Should().NotBe(before["updated_at"]);
        renamed["state_hash"].Should().NotBe(before["state_hash"]);
    }

    [Fact]
    public async Task Rows_written_before_state_hash_are_compared_whole_and_get_one()
    {
        var ada = await SyncAdaAsync();
        await _harness.RewriteWithoutColumnAsync(TableNames.Unified, "state_hash");
        var setup = await (await _harness.PipelineAsync()).RunStageAsync(StageNames.Setup, new StageOptions());
        setup.Updated.Should().Be(1, setup.Error + ": setup adds state_hash to the older table");
        var before = await AdaAsync();
        before["state_hash"].Should().BeNull("rows written before the column read null");

        await ChangeAndSyncAsync(ada, "phone", "+1 555 0199");
        var touched = await AdaAsync();

        touched["run_id"].Should().NotBe(before["run_id"]);
        touched["updated_at"].Should().Be(before["updated_at"], "her state did not change: the whole rows are the same");
        touched["state_hash"].Should().BeOfType<long>();

        await ChangeAndSyncAsync(ada, "firstname", "Augusta");
        (await AdaAsync())["updated_at"].Should().NotBe(before["updated_at"]);
    }

    private async Task<long> SyncAdaAsync()
    {
        var ada = _harness.HubSpot.Create(People.HubSpot("ada@example.com", "Ada", "Lovelace", phone: "+1 555 0100"));
        _harness.Dynamics.Create(People.Dynamics("ada@example.com", "Ada", "Lovelace", phone: "+1 555 0100"));
        _harness.HubSpot.Create(People.HubSpot("bob@example.com", "Bob", "Byron"));
        await _harness.SyncAsync();
        return ada.Id;
    }

    /// <summary>Changes a property of Ada's HubSpot record a second later and syncs. Her phone follows the
    /// dynamics_wins rule: a HubSpot edit of it changes her record but not her unified state.</summary>
    private async Task ChangeAndSyncAsync(long id, string property, string value)
    {
        _harness.Clock.Advance(TimeSpan.FromSeconds(1));
        _harness.HubSpot.Update(id, new Dictionary<string, string?> { [property] = value });
        var results = await _harness.SyncAsync();
        results.Single(r => r.Stage == StageNames.Unify).Read.Should().BeGreaterThan(0, "the update is a new version of her record");
    }

    private async Task<CrmSync.Lake.Row> AdaAsync() =>
        (await _harness.ReadAsync(TableNames.Unified)).Single(r => (string?)r["email"] == "ada@example.com");
}
