using CrmSync.Cli.Progress;
using CrmSync.Pipeline.Progress;

namespace CrmSync.Cli.Tests.Progress;

public sealed class ProgressTextTests
{
    [Fact]
    public void Rate_is_records_over_elapsed_seconds_and_eta_is_the_remaining_records_at_that_rate()
    {
        var progress = new StageProgress("ingest-hubspot", 1_000, 10, TimeSpan.FromSeconds(4), EstimatedTotal: 3_000);

        ProgressText.RecordsPerSecond(progress).Should().Be(250);
        ProgressText.Remaining(progress).Should().Be(TimeSpan.FromSeconds(8));
        ProgressText.Describe(progress).Should().Be("ingest-hubspot: 1,000 records, 10 pages, 250 records/s, ETA 00:00:08");
    }

    [Fact]
    public void Without_a_total_or_elapsed_time_there_is_no_eta_and_the_rate_is_zero()
    {
        var unknownTotal = new StageProgress("ingest-dynamics", 500, Pages: null, TimeSpan.FromSeconds(2), EstimatedTotal: null);
        var justStarted = new StageProgress("ingest-dynamics", 0, 0, TimeSpan.Zero, EstimatedTotal: 100);

        ProgressText.Remaining(unknownTotal).Should().BeNull();
        ProgressText.Describe(unknownTotal).Should().Be("ingest-dynamics: 500 records, 250 records/s");
        ProgressText.RecordsPerSecond(justStarted).Should().Be(0);
        ProgressText.Remaining(justStarted).Should().BeNull();
    }
}
