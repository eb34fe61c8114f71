using System.CommandLine;
using CrmSync.Cli.Hosting;
using CrmSync.Cli.Progress;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync run`: every stage in order under one run id, stopping at the first that fails.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run every stage in order: setup, ingest, unify, scd2, compute-deltas, push, optimize.");
        foreach (var option in StageCommands.IngestOptions())
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            using var loggers = new ConsoleLoggerFactory(context.Console);
            var pipeline = await PipelineInvocation.CreateAsync(parseResult, context, loggers, cancellationToken).ConfigureAwait(false);
            var results = await pipeline.RunAllAsync(StageCommands.ReadOptions(parseResult, context), cancellationToken).ConfigureAwait(false);
            return PipelineInvocation.Report(context, results);
        });
        return command;
    }
}
