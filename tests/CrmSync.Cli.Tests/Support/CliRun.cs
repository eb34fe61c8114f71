using CrmSync.Cli.Hosting;

namespace CrmSync.Cli.Tests.Support;

/// <summary>Runs `crmsync` in-process with captured stdout/stderr.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public string LastErrorLine => Error.TrimEnd().Split('\n')[^1];
}
