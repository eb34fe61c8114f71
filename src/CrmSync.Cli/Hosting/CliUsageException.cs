namespace CrmSync.Cli.Hosting;

/// <summary>
/// The command line asked for something that cannot be done as written (missing table, bad value).
/// Maps to exit code 2; <see cref="Remedy"/> is the "what to do" half of the final error line.
/// </summary>
public sealed class CliUsageException(string message, string remedy) : Exception(message)
{
    public string Remedy { get; } = remedy;
}
