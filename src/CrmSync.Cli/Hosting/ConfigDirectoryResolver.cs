using CrmSync.Core.Configuration;

namespace CrmSync.Cli.Hosting;

/// <summary>Where the YAML configuration lives: --config, else $CONFIG_DIR (as Core names it), else ./configs.</summary>
public static class ConfigDirectoryResolver
{
    public const string EnvironmentVariable = EnvironmentVariables.ConfigDirectory;
    public const string DefaultFolder = "configs";

    public static string Resolve(string? configOption, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var chosen = !string.IsNullOrWhiteSpace(configOption) ? configOption
            : environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultFolder;
        return Path.GetFullPath(chosen);
    }
}
