using System.CommandLine;
using CrmSync.Cli.Hosting;
using CrmSync.Pipeline.Operations.Reporting;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync report`: a self-contained HTML page of run history, throughput, error rates, backlog and conflicts.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output")
        {
            Description = "The HTML file to write (replaced when it exists).",
            DefaultValueFactory = _ => "crmsync-report.html",
        };
        var command = new Command("report", "Write a self-contained HTML report (inline SVG charts, no external assets) of the lake's runs and backlog.")
        {
            output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var lake = await StatusCommand.OpenLakeAsync(parseResult, context, cancellationToken).ConfigureAwait(false);
            var data = await ReportDataReader.ReadAsync(lake, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            var path = Path.GetFullPath(parseResult.GetValue(output)!);
            await File.WriteAllTextAsync(path, HtmlReport.Write(data), cancellationToken).ConfigureAwait(false);
            context.Console.Info($"Wrote {path} ({data.Runs.Count} runs, {data.Status.OpenDeadLetters.Count} open dead letters, {data.Status.OpenConflictCount} open conflicts)");
            return ExitCodes.Success;
        });
        return command;
    }
}
