using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Stages.Deltas;
using CrmSync.Pipeline.Tests.Support;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>Scenario 9: the process dies at each step boundary of ingest, unify, scd2, compute-deltas and push; a rerun loses
/// and duplicates nothing.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private SyncHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await SyncHarness.StartAsync();
        var seed = new SeedOptions { Seed = 3, InvalidValueFraction = 0 };
        _harness.HubSpot.Seed(40, seed);
        _harness.Dynamics.Seed(40, seed);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<string> Points => [.. CrashPoints.All];

    [Theory]
    [MemberData(nameof(Points))]
    public async Task A_crash_at_a_step_boundary_and_a_rerun_lose_nothing_and_duplicate_nothing(string point)
    {
        var crashing = await _harness.PipelineAsync(new CrashPoints([point]));
        var crash = async () => await crashing.RunAllAsync(new StageOptions { BatchSize = 25 });
        (await crash.Should().ThrowAsync<InjectedCrashException>()).Which.Point.Should().Be(point);
        (await _harness.ReadAsync(TableNames.SyncRuns)).Should().Contain(r => (string)r["status"]! == StageStatus.Running, "the dead execution is left RUNNING");

        await _harness.SyncAsync(new StageOptions { BatchSize = 25 });
        var again = await _harness.SyncAsync();

        foreach (var raw in new[] { TableNames.HubSpotRaw, TableNames.DynamicsRaw })
        {
            var rows = await _harness.ReadAsync(raw);
            rows.GroupBy(r => ((string)r["run_id"]!, (string)r["source_id"]!)).Should().OnlyContain(g => g.Count() == 1, $"{raw} has no duplicate");
            rows.Select(r => (string)r["source_id"]!).Distinct().Should().HaveCount(raw == TableNames.HubSpotRaw ? _harness.HubSpot.GetAll().Count : _harness.Dynamics.GetAll().Count,
                "every record reached bronze");
        }

        Duplicates.CreatedInHubSpot(_harness.HubSpot, _start).Should().BeEmpty("no HubSpot contact was created twice");
        Duplicates.CreatedInDynamics(_harness.Dynamics, _start).Should().BeEmpty("no Dynamics contact was created twice");
        (await _harness.ReadAsync(TableNames.Crosswalk)).GroupBy(r => ((string)r["source_system"]!, (string)r["source_id"]!)).Should().OnlyContain(g => g.Count() == 1);
        foreach (var outbox in new[] { TableNames.HubSpotOutbox, TableNames.DynamicsOutbox })
        {
            (await _harness.ReadAsync(outbox)).Should().NotContain(r => OutboxStatus.Open.Contains((string)r["status"]!), $"{outbox}: every delta was delivered");
        }

        again.Single(r => r.Stage == StageNames.ComputeDeltas).Created.Should().Be(0, "after recovery both CRMs agree: nothing left to push");
        (await _harness.ReadAsync(TableNames.SyncRuns)).Should().NotContain(r => (string)r["status"]! == StageStatus.Running);
    }
}
