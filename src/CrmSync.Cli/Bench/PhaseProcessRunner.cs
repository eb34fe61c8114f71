using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace CrmSync.Cli.Bench;

/// <summary>
/// Runs one benchmark phase in a fresh `crmsync` process (so its peak working set is its own)
/// and reads back the single result line the child prints.
/// </summary>
public static class PhaseProcessRunner
{
    public const string ResultPrefix = "bench-result: ";

    public static string ResultLine(PhaseResult result) => ResultPrefix + JsonSerializer.Serialize(result);

    public static async Task<PhaseResult> RunAsync(BenchPhase phase, IReadOnlyList<string> phaseArguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phaseArguments);
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // Under `dotnet crmsync.dll` the process is the dotnet host: hand it the assembly again.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in phaseArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--phase");
        start.ArgumentList.Add(phase.ToString());
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName} for benchmark phase {phase}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var line = (await output.ConfigureAwait(false)).Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"benchmark phase {phase} failed (exit code {process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()}");
        }

        return JsonSerializer.Deserialize<PhaseResult>(line[ResultPrefix.Length..])!;
    }
}
