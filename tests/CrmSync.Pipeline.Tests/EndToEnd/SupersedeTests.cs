using CrmSync.Pipeline.Stages.Deltas;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>A newer delta for a target whose earlier one was never pushed supersedes it: the old row is kept whole,
/// marked SUPERSEDED, and only the newer one is sent.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class SupersedeTests : IAsyncLifetime
{
    private static readonly string[] UpToDeltas = ["ingest-hubspot", "ingest-dynamics", "unify", "scd2", "compute-deltas"];
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_second_edit_before_the_push_supersedes_the_pending_row_which_keeps_all_its_columns()
    {
        var hs = _harness.HubSpot.Create(People.HubSpot("ann@example.com", "Ann", "Lee", jobTitle: "Engineer"));
        var d = _harness.Dynamics.Create(People.Dynamics("ann@example.com", "Ann", "Lee", jobTitle: "Engineer"));
        await _harness.SyncAsync();

        _harness.HubSpot.Update(hs.Id, new Dictionary<string, string?> { ["firstname"] = "Annie" });
        await RunUpToDeltasAsync();
        var first = (await PendingAsync()).Should().ContainSingle().Subject;

        _harness.HubSpot.Update(hs.Id, new Dictionary<string, string?> { ["firstname"] = "Anna" });
        await RunUpToDeltasAsync();

        var rows = await _harness.ReadAsync(TableNames.DynamicsOutbox);
        var superseded = rows.Should().ContainSingle(r => (string)r["outbox_id"]! == (string)first["outbox_id"]!).Subject;
        superseded["status"].Should().Be(OutboxStatus.Superseded);
        foreach (var column in new[] { "idempotency_key", "unified_contact_id", "target_id", "operation", "payload", "changed_fields", "field_values", "attempts", "created_at", "run_id" })
        {
            superseded[column].Should().BeEquivalentTo(first[column], $"superseding rewrites the row with its {column} unchanged");
        }

        var pending = (await PendingAsync()).Should().ContainSingle().Subject;
        ((string)pending["payload"]!).Should().Contain("Anna");

        await _harness.SyncAsync();
        _harness.Dynamics.Get(d.ContactId)!["firstname"].Should().Be("Anna");
    }

    private async Task RunUpToDeltasAsync()
    {
        var pipeline = await _harness.PipelineAsync();
        foreach (var stage in UpToDeltas)
        {
            (await pipeline.RunStageAsync(stage, new())).Succeeded.Should().BeTrue(stage);
        }
    }

    private async Task<List<Lake.Row>> PendingAsync() =>
        [.. (await _harness.ReadAsync(TableNames.DynamicsOutbox)).Where(r => (string)r["status"]! == OutboxStatus.Pending)];
}
