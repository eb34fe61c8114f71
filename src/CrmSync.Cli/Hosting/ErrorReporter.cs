using CrmSync.Cli.Sql;
using CrmSync.Core.Configuration;
using CrmSync.Pipeline.Locking;
using DuckDB.NET.Data;

namespace CrmSync.Cli.Hosting;

/// <summary>
/// The single place that turns an exception escaping a verb into an exit code and a message:
/// the error itself (naming the file, key or record at fault, as the library wrote it), the stack
/// trace with --verbose, and one final line saying what failed and what to do.
/// </summary>
public static class ErrorReporter
{
    public static int Report(Exception exception, string commandPath, bool verbose, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        var (exitCode, remedy) = Classify(exception);
        error.WriteLine($"error: {exception.Message}");
        if (verbose)
        {
            error.WriteLine(exception.ToString());
        }

        error.WriteLine($"{commandPath} failed: {remedy}");
        return exitCode;
    }

    private static (int ExitCode, string Remedy) Classify(Exception exception) => exception switch
    {
        CliUsageException usage => (ExitCodes.UsageOrConfig, usage.Remedy),
        ConfigurationException => (ExitCodes.UsageOrConfig, "fix the configuration errors listed above (file:line: key) and re-run"),
        RunLockedException => (ExitCodes.Failure,
            $"nothing was written; re-run when that invocation ends (or wait for it: {RunLockOptions.WaitEnvironmentVariable}=SECONDS); if its process is gone, `crmsync unlock`"),
        RunLockLostException => (ExitCodes.Failure, "re-run the command: the stage resumes where it stopped"),
        SqlQueryException or DuckDBException => (ExitCodes.Failure, "fix the query above and re-run; `crmsync sql \"SHOW ALL TABLES\"` lists the tables"),
        OperationCanceledException => (ExitCodes.Failure, "the run was cancelled; re-run the command to finish it"),
        UnauthorizedAccessException => (ExitCodes.Failure, "check the file permissions on the path above and re-run"),
        IOException => (ExitCodes.Failure, "check the path above exists and is writable, then re-run"),
        _ => (ExitCodes.Failure, "fix the cause above and re-run; add --verbose for the stack trace"),
    };
}
