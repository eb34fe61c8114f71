using CrmSync.Cli.Bench;
using CrmSync.Cli.Tests.Support;

namespace CrmSync.Cli.Tests.Bench;

public sealed class LakeBenchmarkTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public void The_generator_is_deterministic_and_contact_shaped()
    {
        var first = ContactRowGenerator.Values(42);
        var again = ContactRowGenerator.Values(42);
        var changed = ContactRowGenerator.Values(42, revision: 1);

        first.Should().Equal(again);
        first.Should().HaveCount(ContactRowGenerator.Schema.Count).And.HaveCountGreaterThanOrEqualTo(20);
        first[0].Should().Be("C000000042");
        ((string)first[^1]!).Should().StartWith("{\"id\":\"100000042\"");
        changed[0].Should().Be(first[0]);
        changed.Should().NotEqual(first);
    }

    [Fact]
    public async Task Every_phase_measures_what_it_wrote_read_and_merged()
    {
        var benchmark = new LakeBenchmark(_folder.Path, rows: 3_000, mergeRows: 200, rowsPerFile: 1_000);
        var results = new List<PhaseResult>();

        foreach (var phase in Enum.GetValues<BenchPhase>())
        {
            results.Add(await benchmark.RunAsync(phase, CancellationToken.None));
        }

        results.Single(r => r.Phase == BenchPhase.DeltaWrite).Should().Match<PhaseResult>(r => r.Rows == 3_000 && r.Files == 3 && r.PeakWorkingSetBytes > 0);
        results.Single(r => r.Phase == BenchPhase.DeltaWriteNested).Should().Match<PhaseResult>(r => r.Rows == 3_000 && r.Files == 3);
        results.Where(r => r.Phase is BenchPhase.RowGeneration or BenchPhase.RowGenerationNested)
            .Should().HaveCount(2).And.OnlyContain(r => r.Rows == 3_000 && r.Files == 0);
        results.Single(r => r.Phase == BenchPhase.DeltaRead).Rows.Should().Be(3_000);
        var clustered = results.Single(r => r.Phase == BenchPhase.DeltaMergeClustered);
        clustered.FilesHoldingKeys.Should().Be(1, "the clustered keys sit in the middle third of the key space");
        clustered.FilesRewritten.Should().Be(1);
        var spread = results.Single(r => r.Phase == BenchPhase.DeltaMergeSpread);
        spread.FilesHoldingKeys.Should().Be(3);
        spread.FilesRewritten.Should().Be(3);
        var spreadWithDeletionVectors = results.Single(r => r.Phase == BenchPhase.DeltaMergeSpreadDeletionVectors);
        spreadWithDeletionVectors.FilesHoldingKeys.Should().Be(3);
        spreadWithDeletionVectors.FilesRewritten.Should().Be(0, "touched files keep their data and get a deletion vector");
        spreadWithDeletionVectors.FilesWithNewDeletionVector.Should().Be(3);
        results.Single(r => r.Phase == BenchPhase.FragmentedWrite).Files.Should().BeGreaterThanOrEqualTo(CompactionBenchmark.InitialFiles + CompactionBenchmark.IncrementalRuns);
        results.Single(r => r.Phase == BenchPhase.FragmentedLookup).Should().Match<PhaseResult>(r => r.Rows == 3 && r.FilesRead == 3);
        results.Single(r => r.Phase == BenchPhase.Optimize).Should().Match<PhaseResult>(r => r.Files == 1 && r.Rows == 3_000 && r.FilesRead > 100);
        results.Single(r => r.Phase == BenchPhase.OptimizedLookup).Should().Match<PhaseResult>(r => r.Rows == 3 && r.Files == 1 && r.FilesRead == 1);
        results.Single(r => r.Phase == BenchPhase.SpreadKeysLookupNested).Rows.Should().Be(3, "0.1% of 3,000 rows, every one found with its ten change times");
        results.Where(r => r.Phase is BenchPhase.ParquetSharpFloor or BenchPhase.ParquetNetFloor)
            .Should().HaveCount(2).And.OnlyContain(r => r.Bytes > 0 && r.Rows == 3_000);
        File.Exists(Path.Combine(_folder.Path, "floor-parquetsharp.parquet")).Should().BeTrue();
    }

    [Fact]
    public void Verdicts_name_a_missed_goal_and_by_how_much()
    {
        PhaseResult[] results =
        [
            new(BenchPhase.ParquetSharpFloor, 100, 1.0, 0.5, 100, 0, 1, 10),
            new(BenchPhase.DeltaWrite, 100, 1.56, 0.6, 2L << 30, 0, 1, 10),
            new(BenchPhase.DeltaMergeSpread, 10, 1.0, 1.0, 100, 0, 4, 10, FilesRewritten: 4, FilesHoldingKeys: 2),
        ];

        var verdicts = BenchReport.Verdicts(results).ToList();

        verdicts.Should().Contain("delta write / ParquetSharpFloor: 1.56x wall, 1.20x cpu (goal <= 1.3x): MISSED by 20%");
        verdicts.Should().Contain(v => v.StartsWith("delta write peak working set: 2 GiB", StringComparison.Ordinal) && v.EndsWith("MISSED", StringComparison.Ordinal));
        verdicts.Should().Contain("DeltaMergeSpread: rewrote 4 of 4 files, 2 hold keys (goal: only those): MISSED");
    }

    [Fact]
    public async Task The_bench_verb_prints_every_phase_and_the_goal_verdicts()
    {
        var run = await CliRun.InvokeAsync("bench", "lake", "--rows", "2000", "--merge-rows", "50", "--rows-per-file", "1000", "--in-process");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("DeltaWrite").And.Contain("ParquetNetFloor").And.Contain("(goal <= 1.3x)").And.Contain("hold keys (goal: only those): met");
    }

    public void Dispose() => _folder.Dispose();
}
