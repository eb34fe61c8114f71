using System.Collections;
using System.CommandLine;
using CrmSync.Cli.Hosting;
using CrmSync.Cli.Progress;
using CrmSync.Pipeline;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Locking;
using CrmSync.Pipeline.Runs;
using Microsoft.Extensions.Logging;

namespace CrmSync.Cli.Commands;

/// <summary>What the stage verbs and `run` share: load and validate the configuration (exit 2 on errors), build the
/// pipeline with console logging, console progress, CRMSYNC_CRASH_AT and CRMSYNC_LOCK_WAIT, and print each stage's outcome (exit 1 when one failed).</summary>
public static class PipelineInvocation
{
    public static async Task<SyncPipeline> CreateAsync(ParseResult parseResult, CliContext context, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        var environment = EnvironmentDictionary();
        // --lake beats CRMSYNC_LAKE and lake.root; without it Core applies CRMSYNC_LAKE, then lake.root.
        var lakeOverride = parseResult.GetValue<string?>(GlobalOptions.Lake) is { Length: > 0 } lake ? Path.GetFullPath(lake) : null;
        var runLock = RunLockOptionsFrom(environment);
        var settings = await PipelineSettingsLoader.LoadAsync(context.ConfigDirectory, lakeOverride, environment, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return new SyncPipeline(settings, new PipelineHost
        {
            Loggers = loggers,
            Progress = new ConsoleProgressSink(context.Console, TimeProvider.System),
            Crash = CrashPoints.FromEnvironment(environment),
            RunLock = runLock,
        });
    }

    /// <summary>The run lock's options (CRMSYNC_LOCK_WAIT); a bad value is a usage error.</summary>
    public static RunLockOptions RunLockOptionsFrom(IReadOnlyDictionary<string, string> environment)
    {
        try
        {
            return RunLockOptions.FromEnvironment(environment);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message, $"set {RunLockOptions.WaitEnvironmentVariable} to a whole number of seconds, or unset it");
        }
    }

    /// <summary>Prints the dry-run previews; 0 when every stage succeeded (or stopped cleanly), 1 otherwise. A failed stage's
    /// error is not repeated: the pipeline logged it as it happened ("error: &lt;stage&gt; failed: ...").</summary>
    public static int Report(CliContext context, IReadOnlyList<StageResult> results)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(results);
        foreach (var result in results)
        {
            if (result.Preview is { } preview)
            {
                context.Console.Info($"{result.Stage} --dry-run: nothing written; would send "
                    + (preview.CountsByOperation.Count == 0 ? "nothing" : string.Join(", ", preview.CountsByOperation.Select(kv => $"{kv.Value} {kv.Key}"))));
                if (preview.SamplePayload is not null)
                {
                    context.Console.Info($"sample payload: {preview.SamplePayload}");
                }
            }
        }

        return results.All(r => r.Succeeded) ? ExitCodes.Success : ExitCodes.Failure;
    }

    internal static Dictionary<string, string> EnvironmentDictionary()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                environment[key] = value;
            }
        }

        return environment;
    }
}
