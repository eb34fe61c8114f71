using CrmSync.Core.Configuration;

namespace CrmSync.Cli.Hosting;

/// <summary>Where the lake lives: --lake, else $CRMSYNC_LAKE, else ./lake.</summary>
public static class LakeRootResolver
{
    public const string EnvironmentVariable = EnvironmentVariables.LakeRoot;
    public const string DefaultFolder = "lake";

    public static string Resolve(string? lakeOption, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var chosen = !string.IsNullOrWhiteSpace(lakeOption) ? lakeOption
            : environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultFolder;
        return Path.GetFullPath(chosen);
    }
}
