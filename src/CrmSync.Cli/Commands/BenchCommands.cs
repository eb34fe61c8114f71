using System.CommandLine;
using CrmSync.Cli.Bench;
using CrmSync.Cli.Hosting;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync bench lake`: Delta write/read/merge throughput and memory against a plain Parquet floor.</summary>
public static class BenchCommands
{
    private static readonly BenchPhase[] Order =
    [
        BenchPhase.ParquetSharpFloor, BenchPhase.ParquetNetFloor, BenchPhase.RowGeneration, BenchPhase.RowGenerationNested,
        BenchPhase.DeltaWrite, BenchPhase.DeltaWriteNested, BenchPhase.DeltaRead,
        BenchPhase.DeltaMergeClustered, BenchPhase.DeltaMergeSpread, BenchPhase.DeltaMergeSpreadDeletionVectors,
        BenchPhase.RandomKeysWrite, BenchPhase.RandomKeysWriteIndexed, BenchPhase.RandomKeysMerge, BenchPhase.RandomKeysMergeIndexed,
        BenchPhase.RandomKeysLookup, BenchPhase.RandomKeysLookupIndexed, BenchPhase.SpreadKeysLookup, BenchPhase.SpreadKeysMerge,
        BenchPhase.SpreadKeysLookupNested,
        BenchPhase.FragmentedWrite, BenchPhase.FragmentedLookup, BenchPhase.Optimize, BenchPhase.OptimizedLookup,
    ];

    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks (figures go to docs/benchmarks.md).");
        bench.Subcommands.Add(Lake());
        bench.Subcommands.Add(BenchConnectorsCommand.Create());
        bench.Subcommands.Add(BenchPipelineCommand.Create());
        return bench;
    }

    private static Command Lake()
    {
        var rows = new Option<long>("--rows") { Description = "Contact rows to write.", DefaultValueFactory = _ => 1_000_000 };
        var mergeRows = new Option<int>("--merge-rows") { Description = "Changed rows per merge.", DefaultValueFactory = _ => 10_000 };
        var rowsPerFile = new Option<int>("--rows-per-file")
        {
            Description = "Delta data file size in rows (default: the Lake's).",
            DefaultValueFactory = _ => LakeBenchmark.DefaultRowsPerFile,
        };
        var directory = new Option<string?>("--dir") { Description = "Working folder (default: a new temp folder, deleted afterwards)." };
        var inProcess = new Option<bool>("--in-process") { Description = "Run every phase in this process (peaks then include earlier phases)." };
        var phase = new Option<BenchPhase?>("--phase") { Description = "Run one phase only and print its result line (used by the fresh child processes; also to measure one phase alone).", Hidden = true };
        var command = new Command("lake", "Write N contact rows as a Delta table, read them back, merge changed rows; compare with plain Parquet.")
        {
            rows, mergeRows, rowsPerFile, directory, inProcess, phase,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var (rowCount, mergeCount, fileRows) = (parseResult.GetValue(rows), parseResult.GetValue(mergeRows), parseResult.GetValue(rowsPerFile));
            if (rowCount < 1 || mergeCount < 1 || fileRows < 1)
            {
                throw new CliUsageException("--rows, --merge-rows and --rows-per-file must be at least 1", "pass positive numbers");
            }

            var chosenDirectory = parseResult.GetValue(directory);
            var workDirectory = Path.GetFullPath(chosenDirectory ?? Path.Combine(Path.GetTempPath(), "crmsync-bench-" + Guid.NewGuid().ToString("N")));
            Directory.CreateDirectory(workDirectory);
            var benchmark = new LakeBenchmark(workDirectory, rowCount, mergeCount, fileRows);
            if (parseResult.GetValue(phase) is { } only)
            {
                var result = await benchmark.RunAsync(only, cancellationToken).ConfigureAwait(false);
                await context.Console.Data.WriteLineAsync(PhaseProcessRunner.ResultLine(result)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            string[] childArguments = ["bench", "lake", "--rows", $"{rowCount}", "--merge-rows", $"{mergeCount}", "--rows-per-file", $"{fileRows}", "--dir", workDirectory];
            var results = new List<PhaseResult>();
            try
            {
                foreach (var step in Order)
                {
                    results.Add(await context.Console.StepAsync($"{step} ({rowCount:N0} rows)", () => parseResult.GetValue(inProcess)
                        ? benchmark.RunAsync(step, cancellationToken)
                        : PhaseProcessRunner.RunAsync(step, childArguments, cancellationToken)).ConfigureAwait(false));
                }
            }
            finally
            {
                if (chosenDirectory is null)
                {
                    Directory.Delete(workDirectory, recursive: true);
                }
            }

            context.Console.Table(BenchReport.Headers, BenchReport.Rows(results));
            foreach (var verdict in BenchReport.Verdicts(results))
            {
                context.Console.Info(verdict);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
