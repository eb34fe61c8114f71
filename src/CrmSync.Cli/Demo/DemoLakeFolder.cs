using CrmSync.Cli.Hosting;

namespace CrmSync.Cli.Demo;

/// <summary>
/// Gets the demo's lake folder ready. The emulators start fresh on every demo, so a lake left by an earlier
/// demo (marked by <see cref="MarkerFile"/>) is replaced; any other non-empty folder is only replaced with
/// --reset, so pointing --lake at a real lake by mistake can never destroy it.
/// </summary>
internal static class DemoLakeFolder
{
    public const string MarkerFile = ".crmsync-demo";

    /// <returns>True when an earlier lake was removed.</returns>
    public static bool Prepare(string lakeRoot, bool reset)
    {
        var replaced = false;
        if (Directory.Exists(lakeRoot) && Directory.EnumerateFileSystemEntries(lakeRoot).Any())
        {
            if (!reset && !File.Exists(Path.Combine(lakeRoot, MarkerFile)))
            {
                throw new CliUsageException(
                    $"{lakeRoot} is not empty and was not made by `crmsync demo`; the demo needs a fresh lake.",
                    "pass --lake <empty folder>, or --reset to delete that folder and start over");
            }

            Directory.Delete(lakeRoot, recursive: true);
            replaced = true;
        }

        Directory.CreateDirectory(lakeRoot);
        File.WriteAllText(Path.Combine(lakeRoot, MarkerFile), "Made by `crmsync demo`; the next demo replaces this lake.\n");
        return replaced;
    }
}
