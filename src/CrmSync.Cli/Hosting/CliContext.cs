using System.CommandLine;
using CrmSync.Cli.Commands;
using CrmSync.Cli.Output;

namespace CrmSync.Cli.Hosting;

/// <summary>What every verb needs from the command line: resolved folders, flags, and the console.</summary>
public sealed record CliContext(string LakeRoot, string ConfigDirectory, bool DryRun, bool Verbose, CliConsole Console)
{
    public static CliContext From(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var verbose = parseResult.GetValue<bool>(GlobalOptions.Verbose);
        var output = parseResult.InvocationConfiguration.Output;
        var console = new CliConsole(
            output,
            parseResult.InvocationConfiguration.Error,
            CliConsole.IsTerminal(output),
            verbose,
            TimeProvider.System);
        return new CliContext(
            LakeRootResolver.Resolve(parseResult.GetValue<string?>(GlobalOptions.Lake), Environment.GetEnvironmentVariable),
            ConfigDirectoryResolver.Resolve(parseResult.GetValue<string?>(GlobalOptions.Config), Environment.GetEnvironmentVariable),
            parseResult.GetValue<bool>(GlobalOptions.DryRun),
            verbose,
            console);
    }
}
