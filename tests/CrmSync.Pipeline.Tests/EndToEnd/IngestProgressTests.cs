using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>Ingest stages report how far they have read, ending at the count the stage records.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class IngestProgressTests : IAsyncLifetime
{
    // More than one report interval of a page-less source (HubSpot: every 100 records).
    private const int HubSpotContacts = 250;
    private const int DynamicsContacts = 3;

    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(StageNames.IngestHubSpot, HubSpotContacts, false)]
    [InlineData(StageNames.IngestDynamics, DynamicsContacts, true)]
    public async Task Ingest_reports_increasing_record_counts_ending_at_the_stage_read_count(string stage, int contacts, bool paged)
    {
        for (var i = 0; i < HubSpotContacts; i++)
        {
            _harness.HubSpot.Create(People.HubSpot($"hs{i}@example.com", "Hub", $"Spot{i}"));
        }

        for (var i = 0; i < DynamicsContacts; i++)
        {
            _harness.Dynamics.Create(People.Dynamics($"d{i}@example.com", "Dyn", $"Amics{i}"));
        }

        var progress = new CollectingProgressSink();
        var pipeline = new SyncPipeline(await _harness.LoadSettingsAsync(), new PipelineHost { Progress = progress });

        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Succeeded.Should().BeTrue();
        var result = await pipeline.RunStageAsync(stage, new StageOptions());

        result.Succeeded.Should().BeTrue(result.Error);
        result.Read.Should().Be(contacts);
        var reports = progress.Reports;
        reports.Should().OnlyContain(r => r.Stage == stage, "setup reads no source");
        reports.Should().HaveCountGreaterThan(1, "a report at the start and at least one after reading");
        reports.Select(r => r.RecordsRead).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        reports[^1].RecordsRead.Should().Be(result.Read);
        reports.Select(r => r.Elapsed).Should().BeInAscendingOrder();
        if (paged)
        {
            reports[^1].Pages.Should().BePositive("Dynamics pages are counted");
        }
        else
        {
            reports.Should().OnlyContain(r => r.Pages == null, "the HubSpot client does not expose its pages");
        }

        // HubSpot's search total gives an ETA; Dataverse has no count for paged reads.
        reports.Should().OnlyContain(r => r.EstimatedTotal == (paged ? null : (long?)contacts));
    }
}
