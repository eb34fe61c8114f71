using System.CommandLine;
using System.CommandLine.Parsing;
using CrmSync.Cli.Commands;

namespace CrmSync.Cli.Hosting;

/// <summary>Parses, invokes and maps failures to exit codes. Program.cs and the tests both enter here.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var root = CrmSyncCommand.Create();
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            var command = CommandPath(parseResult);
            error.WriteLine($"{command} failed: bad usage; run `{command} --help`");
            return ExitCodes.UsageOrConfig;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // This is the one place every failure becomes an exit code and a message.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ErrorReporter.Report(exception, CommandPath(parseResult), parseResult.GetValue<bool>(GlobalOptions.Verbose), error);
        }
    }

    /// <summary>"crmsync lake history": the verb as the user typed it, for error lines.</summary>
    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Add(result.Parent is null ? "crmsync" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
