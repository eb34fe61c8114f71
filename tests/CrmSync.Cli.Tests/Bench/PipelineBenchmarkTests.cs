using CrmSync.Cli.Bench;
using CrmSync.Cli.Tests.Support;
using CrmSync.Pipeline.Runs;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmSync.Cli.Tests.Bench;

public sealed class PipelineBenchmarkTests
{
    [Fact]
    public async Task The_incremental_run_reads_back_only_the_edits_made_in_the_emulator_processes()
    {
        using var work = new TempDirectory();
        var benchmark = new PipelineBenchmark(RepositoryFiles.PathOf("configs"), work.Path, contactsPerSide: 1000, NullLoggerFactory.Instance);

        var results = await benchmark.RunAsync(CancellationToken.None);

        results.Should().OnlyContain(r => r.Result.Succeeded);
        results.Select(r => r.Run).Distinct().Should().Equal("full", "settle (read-back)", "incremental 0.1%");
        var full = results.Where(r => r.Run == "full").ToDictionary(r => r.Result.Stage, r => r.Result);
        full[StageNames.IngestHubSpot].Read.Should().Be(1000);
        full[StageNames.IngestDynamics].Read.Should().Be(1000);
        var incremental = results.Where(r => r.Run == "incremental 0.1%").ToDictionary(r => r.Result.Stage, r => r.Result);
        incremental[StageNames.IngestHubSpot].Written.Should().Be(1, "one HubSpot contact was edited after the settle run");
        incremental[StageNames.IngestDynamics].Written.Should().Be(1, "one Dynamics contact was edited after the settle run");
    }
}
