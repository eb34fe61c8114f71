using System.CommandLine;
using System.Globalization;
using CrmSync.Cli.Bench;
using CrmSync.Cli.Hosting;
using CrmSync.Cli.Progress;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync bench pipeline`: full then 0.1%-changed incremental run against the emulators; per-stage times and peak memory.</summary>
public static class BenchPipelineCommand
{
    public static Command Create()
    {
        var contacts = new Option<int>("--contacts") { Description = "Contacts seeded per side.", DefaultValueFactory = _ => 100_000 };
        var directory = new Option<string?>("--dir") { Description = "Working folder (default: a new temp folder, deleted afterwards)." };
        var fullLakeOnly = new Option<bool>("--full-lake-only")
        {
            Description = "Only the full run up to compute-deltas (no push, settle or incremental run); with DOTNET_GCHeapHardLimit it shows what the lake stages need "
                + "(the cap is not passed to the emulators' processes).",
        };
        var incrementalRuns = new Option<int>("--incremental-runs")
        {
            Description = "Incremental runs, each after its own 0.1% of edits: the first re-reads the lookback the full run's pushes left, "
                + "the later ones are a scheduled sync's steady state.",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("pipeline", "Run every stage on N seeded contacts per side, then an incremental run with 0.1% changed.")
        {
            contacts, directory, fullLakeOnly, incrementalRuns,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var count = parseResult.GetValue(contacts);
            if (count < 1000)
            {
                throw new CliUsageException("--contacts must be at least 1000", "pass --contacts N with N >= 1000");
            }

            var rounds = parseResult.GetValue(incrementalRuns);
            if (rounds < 1)
            {
                throw new CliUsageException("--incremental-runs must be at least 1", "pass --incremental-runs N with N >= 1");
            }

            var chosen = parseResult.GetValue(directory);
            var work = Path.GetFullPath(chosen ?? Path.Combine(Path.GetTempPath(), "crmsync-bench-pipeline-" + Guid.NewGuid().ToString("N")));
            Directory.CreateDirectory(work);
            try
            {
                using var loggers = new ConsoleLoggerFactory(context.Console);
                var benchmark = new PipelineBenchmark(context.ConfigDirectory, work, count, loggers, parseResult.GetValue(fullLakeOnly), rounds);
                var results = await benchmark.RunAsync(cancellationToken).ConfigureAwait(false);
                context.Console.Table(["run", "stage", "read", "written", "seconds", "source wait s", "cpu s", "peak MB", "allocated MB", "gc pause s"], [.. results.Select(r => (IReadOnlyList<string?>)
                [
                    r.Run, r.Result.Stage, r.Result.Read.ToString("N0", CultureInfo.InvariantCulture), r.Result.Written.ToString("N0", CultureInfo.InvariantCulture),
                    Seconds(r.Result.Duration), Seconds(r.Result.SourceWait), Seconds(r.Cpu), (r.PeakBytes / 1024 / 1024).ToString(CultureInfo.InvariantCulture),
                    (r.AllocatedBytes / 1024 / 1024).ToString("N0", CultureInfo.InvariantCulture), Seconds(r.GcPause),
                ])]);
                foreach (var run in results.GroupBy(r => r.Run))
                {
                    var lakeStages = run.Where(r => PipelineBenchmark.LakeStages.Contains(r.Result.Stage)).ToList();
                    var lake = lakeStages.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Result.Duration - r.Result.SourceWait);
                    var source = lakeStages.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Result.SourceWait);
                    var silver = lakeStages.Where(r => r.Result.Stage is StageNames.Unify or StageNames.Scd2 or StageNames.ComputeDeltas).ToList();
                    var cpu = silver.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Cpu);
                    var allocated = silver.Sum(r => r.AllocatedBytes) / 1024.0 / 1024 / 1024;
                    context.Console.Info($"{run.Key}: lake stages (ingest writes, unify, scd2, compute-deltas) {Seconds(lake)}s, plus {Seconds(source)}s "
                        + $"waiting for the emulators' reads; unify+scd2+compute-deltas used {Seconds(cpu)} CPU s and allocated "
                        + $"{allocated.ToString("0.00", CultureInfo.InvariantCulture)} GB; peak {run.Max(r => r.PeakBytes) / 1024 / 1024} MB");
                }
            }
            finally
            {
                if (chosen is null)
                {
                    Directory.Delete(work, recursive: true);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // Two decimals: an incremental run's stages at 100k take tenths of a second.
    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
