using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>Dry runs, run records and logs as an operator sees them; secrets never leak.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class OperatorTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Dry_runs_report_what_would_be_sent_and_write_nothing_then_runs_are_recorded_and_logged_without_secrets()
    {
        _harness.Dynamics.Create(People.Dynamics("dry@example.com", "Dee", "Ry"));
        var pipeline = await _harness.PipelineAsync();
        foreach (var stage in StageNames.InOrder.Take(5))
        {
            (await pipeline.RunStageAsync(stage, new StageOptions())).Succeeded.Should().BeTrue();
        }

        var preview = await pipeline.RunStageAsync(StageNames.ComputeDeltas, new StageOptions { DryRun = true });
        preview.Preview!.CountsByOperation.Should().ContainKey("hubspot CREATE").WhoseValue.Should().Be(1);
        preview.Preview.SamplePayload.Should().Contain("dry@example.com");
        (await _harness.ReadAsync(TableNames.HubSpotOutbox)).Should().BeEmpty("a dry run writes nothing");

        (await pipeline.RunStageAsync(StageNames.ComputeDeltas, new StageOptions())).Created.Should().Be(1);
        var pushPreview = await pipeline.RunStageAsync(StageNames.PushHubSpot, new StageOptions { DryRun = true });
        pushPreview.Preview!.CountsByOperation["hubspot CREATE"].Should().Be(1);
        _harness.HubSpot.GetAll().Should().BeEmpty("a push dry run sends nothing");

        var runs = await pipeline.Runs.ListAsync(null, CancellationToken.None);
        runs.Select(r => r.Stage).Should().BeEquivalentTo(StageNames.InOrder.Take(6), "dry runs are not recorded");
        runs.Should().OnlyContain(r => r.Status == StageStatus.Succeeded && r.EndedAt != null);
        runs.Single(r => r.Stage == StageNames.IngestDynamics).Parameters.Should().ContainKey("to");

        _harness.Logs.Lines.Should().Contain(l => l.StartsWith("Starting ingest-dynamics", StringComparison.Ordinal));
        _harness.Logs.Lines.Should().Contain(l => l.StartsWith("Completed ingest-dynamics: 1 read, 1 written, 0 failed in ", StringComparison.Ordinal));
        var secrets = new[] { _harness.HubSpot.Options.AccessToken, _harness.Dynamics.ClientSecret };
        _harness.Logs.Lines.Should().NotContain(l => secrets.Any(s => l.Contains(s, StringComparison.Ordinal)));
        var audit = await _harness.ReadAsync(TableNames.AuditLog);
        audit.Should().NotBeEmpty();
        audit.Should().NotContain(r => r.ToString().Contains(secrets[0], StringComparison.Ordinal) || r.ToString().Contains(secrets[1], StringComparison.Ordinal)
            || r.ToString().Contains("dry@example.com", StringComparison.Ordinal));
    }
}
