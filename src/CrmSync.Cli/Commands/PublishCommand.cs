using System.CommandLine;
using System.Diagnostics;
using CrmSync.Cli.Hosting;
using CrmSync.Cli.Publishing;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync publish`: builds the self-contained binary to upload to Databricks.</summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "Folder to publish into.",
            DefaultValueFactory = _ => Path.Combine("publish", PublishInvocation.DefaultRuntime),
        };
        var runtime = new Option<string>("--runtime", "-r")
        {
            Description = "Target runtime identifier.",
            DefaultValueFactory = _ => PublishInvocation.DefaultRuntime,
        };
        var project = new Option<string?>("--project")
        {
            Description = "Path to CrmSync.Cli.csproj (default: found from the current folder upwards).",
        };
        var command = new Command("publish", "Publish the self-contained single-file crmsync binary (dotnet publish).")
        {
            output, runtime, project,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var invocation = new PublishInvocation(
                parseResult.GetValue(project) ?? PublishInvocation.LocateProject(Directory.GetCurrentDirectory()),
                parseResult.GetRequiredValue(runtime),
                Path.GetFullPath(parseResult.GetRequiredValue(output)));
            context.Console.Info($"running: {invocation.CommandLine}");
            if (context.DryRun)
            {
                context.Console.Info("dry run: nothing published");
                return ExitCodes.Success;
            }

            var exitCode = await RunDotnetAsync(invocation, context, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish exited with code {exitCode} (its output is above)");
            }

            context.Console.Info($"published {Path.Combine(invocation.OutputDirectory, "crmsync")}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> RunDotnetAsync(PublishInvocation invocation, CliContext context, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in invocation.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start `dotnet`; is the .NET SDK on PATH?");
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) context.Console.Info(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) context.Console.Error(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode;
    }
}
