using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>The lookback re-reads recent records on every incremental ingest; versions bronze already holds are skipped,
/// so bronze (and everything downstream) grows with the changes, not with the overlap.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class IngestOverlapTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Versions_reread_by_the_lookback_are_not_written_to_bronze_again()
    {
        var hubspot = Enumerable.Range(0, 3).Select(i => _harness.HubSpot.Create(People.HubSpot($"hs{i}@example.com", "Hub", $"Spot{i}"))).ToList();
        var dynamics = Enumerable.Range(0, 3).Select(i => _harness.Dynamics.Create(People.Dynamics($"d{i}@example.com", "Dyn", $"Amics{i}"))).ToList();
        var pipeline = await _harness.PipelineAsync();
        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Succeeded.Should().BeTrue();
        foreach (var stage in new[] { StageNames.IngestHubSpot, StageNames.IngestDynamics })
        {
            var first = await pipeline.RunStageAsync(stage, new StageOptions());
            first.Created.Should().Be(3, first.Error);
        }

        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        _harness.HubSpot.Update(hubspot[0].Id, new Dictionary<string, string?> { ["city"] = "Lyon" });
        _harness.Dynamics.Update(dynamics[2].ContactId, new Dictionary<string, object?> { ["address1_city"] = "Graz" });

        foreach (var stage in new[] { StageNames.IngestHubSpot, StageNames.IngestDynamics })
        {
            var again = await pipeline.RunStageAsync(stage, new StageOptions());
            again.Succeeded.Should().BeTrue(again.Error);
            again.Read.Should().Be(3, "the lookback re-reads the two unchanged records along with the changed one");
            again.Created.Should().Be(1, "only the changed record is a new version");
            again.Skipped.Should().Be(2);
        }

        var hubspotBronze = await _harness.ReadAsync(TableNames.Raw(Core.SourceSystem.HubSpot));
        hubspotBronze.Should().HaveCount(4);
        hubspotBronze.Where(r => (string?)r["city"] == "Lyon").Should().ContainSingle().Which["source_id"].Should().Be(hubspot[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var dynamicsBronze = await _harness.ReadAsync(TableNames.Raw(Core.SourceSystem.Dynamics));
        dynamicsBronze.Should().HaveCount(4);
        dynamicsBronze.Where(r => (string?)r["address1_city"] == "Graz").Should().ContainSingle();
    }
}
