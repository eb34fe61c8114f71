using CrmSync.Core;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Stages.Ingest;
using CrmSync.Pipeline.Tests.Support;
using CrmSync.Sandbox.Common;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>The lookback re-reads recent records on every incremental ingest; versions bronze already holds are skipped,
/// so bronze (and everything downstream) grows with the changes, not with the overlap. A version is the id, time,
/// deletion and payload hash: Dynamics' modifiedon has whole seconds, and its clock here moves only when a test moves it.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class IngestOverlapTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _dynamicsClock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, 250, TimeSpan.Zero));
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync(dynamicsClock: _dynamicsClock);

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
        _dynamicsClock.Advance(TimeSpan.FromMinutes(1));
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

        var hubspotBronze = await _harness.ReadAsync(TableNames.Raw(SourceSystem.HubSpot));
        hubspotBronze.Should().HaveCount(4);
        hubspotBronze.Where(r => (string?)r["city"] == "Lyon").Should().ContainSingle().Which["source_id"].Should().Be(hubspot[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var dynamicsBronze = await _harness.ReadAsync(TableNames.Raw(SourceSystem.Dynamics));
        dynamicsBronze.Should().HaveCount(4);
        dynamicsBronze.Where(r => (string?)r["address1_city"] == "Graz").Should().ContainSingle();
    }

    [Fact]
    public async Task A_second_edit_in_the_same_second_is_written_though_its_time_is_unchanged()
    {
        var contacts = Enumerable.Range(0, 2).Select(i => _harness.Dynamics.Create(People.Dynamics($"d{i}@example.com", "Dyn", $"Amics{i}"))).ToList();
        var pipeline = await _harness.PipelineAsync();
        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Succeeded.Should().BeTrue();
        (await pipeline.RunStageAsync(StageNames.IngestDynamics, new StageOptions())).Created.Should().Be(2);

        var edited = _harness.Dynamics.Update(contacts[0].ContactId, new Dictionary<string, object?> { ["address1_city"] = "Graz" });
        edited.ModifiedOn.Should().Be(contacts[0].ModifiedOn, "Dataverse's modifiedon has whole seconds: the edit keeps the time");

        var again = await pipeline.RunStageAsync(StageNames.IngestDynamics, new StageOptions());
        again.Succeeded.Should().BeTrue(again.Error);
        again.Read.Should().Be(2);
        again.Created.Should().Be(1, "the edit changed the payload, so it is a new version");
        again.Skipped.Should().Be(1);
        var versions = (await _harness.ReadAsync(TableNames.Raw(SourceSystem.Dynamics)))
            .Where(r => (string)r["source_id"]! == contacts[0].ContactId.ToString()).ToList();
        versions.Should().HaveCount(2).And.OnlyContain(r => (DateTimeOffset)r["source_updated_at"]! == contacts[0].ModifiedOn);
        versions.Select(r => (string?)r["address1_city"]).Should().BeEquivalentTo([null, "Graz"]);
        versions.Select(r => r["payload_hash"]).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_source_failing_at_its_first_request_fails_ingest_with_its_own_error_and_a_rerun_skips_what_bronze_holds()
    {
        Enumerable.Range(0, 3).ToList().ForEach(i => _harness.HubSpot.Create(People.HubSpot($"hs{i}@example.com", "Hub", $"Spot{i}")));
        var pipeline = await _harness.PipelineAsync();
        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Succeeded.Should().BeTrue();
        (await pipeline.RunStageAsync(StageNames.IngestHubSpot, new StageOptions())).Created.Should().Be(3);
        var watermark = await pipeline.Watermarks.GetAsync(WatermarkStore.HubSpotContacts, CancellationToken.None);
        // Bronze's versions are scanned while the source answers its first request, which fails here.
        _harness.HubSpot.Faults.FailNext(1, FaultKind.HtmlPage);

        var failed = await pipeline.RunStageAsync(StageNames.IngestHubSpot, new StageOptions());

        failed.Succeeded.Should().BeFalse();
        failed.Error.Should().Contain("content type 'text/html", "the source's error is the stage's");
        (await _harness.ReadAsync(TableNames.Raw(SourceSystem.HubSpot))).Should().HaveCount(3);
        (await pipeline.Watermarks.GetAsync(WatermarkStore.HubSpotContacts, CancellationToken.None)).Should().Be(watermark);
        var again = await pipeline.RunStageAsync(StageNames.IngestHubSpot, new StageOptions());
        again.Succeeded.Should().BeTrue(again.Error);
        (again.Read, again.Created, again.Skipped).Should().Be((3, 0, 3));
    }

    [Fact]
    public async Task A_lake_written_before_payload_hash_skips_the_versions_it_holds_by_their_payload()
    {
        var contacts = Enumerable.Range(0, 3).Select(i => _harness.Dynamics.Create(People.Dynamics($"d{i}@example.com", "Dyn", $"Amics{i}"))).ToList();
        var pipeline = await _harness.PipelineAsync();
        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Succeeded.Should().BeTrue();
        (await pipeline.RunStageAsync(StageNames.IngestDynamics, new StageOptions())).Created.Should().Be(3);
        var bronze = TableNames.Raw(SourceSystem.Dynamics);
        await _harness.RewriteWithoutColumnAsync(bronze, "payload_hash");

        pipeline = await _harness.PipelineAsync();
        var setup = await pipeline.RunStageAsync(StageNames.Setup, new StageOptions());
        setup.Updated.Should().Be(1, setup.Error + ": setup adds payload_hash to the older bronze table");
        (await _harness.ReadAsync(bronze)).Should().HaveCount(3).And.OnlyContain(r => r["payload_hash"] == null);
        // In the same second: only the payload tells the edit from the version the older lake holds.
        _harness.Dynamics.Update(contacts[1].ContactId, new Dictionary<string, object?> { ["address1_city"] = "Graz" });

        var again = await pipeline.RunStageAsync(StageNames.IngestDynamics, new StageOptions());

        again.Succeeded.Should().BeTrue(again.Error);
        again.Read.Should().Be(3);
        again.Created.Should().Be(1, "the unchanged versions are recognised by their payload, the edited one is not");
        again.Skipped.Should().Be(2);
        var written = (await _harness.ReadAsync(bronze)).Should().HaveCount(4).And.ContainSingle(r => r["payload_hash"] != null).Subject;
        written["address1_city"].Should().Be("Graz");
        written["payload_hash"].Should().Be(PayloadHash.Of((string)written["payload"]!));
    }
}
