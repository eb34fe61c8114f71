using CrmSync.Cli.Hosting;

namespace CrmSync.Cli.Publishing;

/// <summary>
/// The `dotnet publish` call that produces the self-contained single-file `crmsync` binary
/// Databricks runs from a Unity Catalog volume.
/// </summary>
public sealed record PublishInvocation(string ProjectPath, string Runtime, string OutputDirectory)
{
    public const string DefaultRuntime = "linux-x64";
    public const string ProjectRelativePath = "src/CrmSync.Cli/CrmSync.Cli.csproj";

    public IReadOnlyList<string> Arguments =>
    [
        "publish", ProjectPath,
        "-c", "Release",
        "-r", Runtime,
        "--self-contained",
        "-p:PublishSingleFile=true",
        // DuckDB and ParquetSharp are native libraries: bundle them too, so one file is uploaded.
        "-p:IncludeNativeLibrariesForSelfExtract=true",
        "-o", OutputDirectory,
    ];

    public string CommandLine => "dotnet " + string.Join(' ', Arguments.Select(Quote));

    /// <summary>Finds the CLI project by walking up from <paramref name="startDirectory"/> to the repository root.</summary>
    public static string LocateProject(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ProjectRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new CliUsageException(
            $"cannot find {ProjectRelativePath} in {startDirectory} or any parent folder",
            "run `crmsync publish` from inside the CrmSync repository, or pass --project <path to CrmSync.Cli.csproj>");
    }

    private static string Quote(string argument) =>
        argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument;
}
