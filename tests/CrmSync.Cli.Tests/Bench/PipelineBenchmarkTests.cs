using CrmSync.Cli.Bench;
using CrmSync.Cli.Tests.Support;
using CrmSync.Pipeline.Runs;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmSync.Cli.Tests.Bench;

public sealed class PipelineBenchmarkTests
{
    [Fact]
    public async Task Each_incremental_run_reads_back_only_its_own_edits_made_in_the_emulator_processes()
    {
        using var work = new TempDirectory();
        var benchmark = new PipelineBenchmark(RepositoryFiles.PathOf("configs"), work.Path, contactsPerSide: 1000, NullLoggerFactory.Instance, incrementalRuns: 2);

        var results = await benchmark.RunAsync(CancellationToken.None);

        results.Should().OnlyContain(r => r.Result.Succeeded);
        results.Select(r => r.Run).Distinct().Should().Equal("full", "settle (read-back)", "incremental 0.1%", "incremental 0.1% #2");
        var full = results.Where(r => r.Run == "full").ToDictionary(r => r.Result.Stage, r => r.Result);
        full[StageNames.IngestHubSpot].Read.Should().Be(1000);
        full[StageNames.IngestDynamics].Read.Should().Be(1000);
        results.Single(r => r.Run == "full" && r.Result.Stage == StageNames.Unify).AllocatedBytes
            .Should().BeGreaterThan(1000 * 1024, "unifying 2,000 records allocates at least a kilobyte each");
        results.Single(r => r.Run == "incremental 0.1%" && r.Result.Stage == StageNames.Unify).AllocatedBytes
            .Should().BePositive("a stage that runs no garbage collection still allocates (the count must not wait for one)");
        string[] runs = ["settle (read-back)", "incremental 0.1%", "incremental 0.1% #2"];
        for (var i = 1; i < runs.Length; i++)
        {
            var before = results.Where(r => r.Run == runs[i - 1]).ToDictionary(r => r.Result.Stage, r => r.Result);
            var incremental = results.Where(r => r.Run == runs[i]).ToDictionary(r => r.Result.Stage, r => r.Result);
            incremental[StageNames.IngestHubSpot].Written.Should().Be(1 + before[StageNames.PushHubSpot].Written,
                $"one HubSpot contact was edited before {runs[i]}, and the run before pushed the others read back");
            incremental[StageNames.IngestDynamics].Written.Should().Be(1 + before[StageNames.PushDynamics].Written,
                $"one Dynamics contact was edited before {runs[i]}, and the run before pushed the others read back");
        }

        results.Single(r => r.Run == "incremental 0.1%" && r.Result.Stage == StageNames.PushDynamics).Result.Written
            .Should().BePositive("the first round's HubSpot edit reaches Dynamics, so the second round reads a push back");
    }
}
