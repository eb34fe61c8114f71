using System.CommandLine;

namespace CrmSync.Cli.Commands;

/// <summary>
/// Options every verb accepts, added once to the root as recursive options.
/// Verbs read them through <see cref="Hosting.CliContext"/>, never directly.
/// </summary>
public static class GlobalOptions
{
    public const string Config = "--config";
    public const string Lake = "--lake";
    public const string DryRun = "--dry-run";
    public const string Verbose = "--verbose";

    public static IEnumerable<Option> Create() =>
    [
        new Option<string?>(Config)
        {
            Description = "Configuration folder (default: $CONFIG_DIR, else ./configs).",
            Recursive = true,
        },
        new Option<string?>(Lake)
        {
            Description = "Lake root folder (default: $CRMSYNC_LAKE, else ./lake).",
            Recursive = true,
        },
        new Option<bool>(DryRun)
        {
            Description = "Show what would change without writing anything.",
            Recursive = true,
        },
        new Option<bool>(Verbose)
        {
            Description = "Print detailed progress and full error details.",
            Recursive = true,
        },
    ];
}
