namespace CrmSync.Cli.Tests.Support;

/// <summary>Finds files of the repository (jobs/, notebooks/, docs/) from the test binary's folder.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrmSync.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no CrmSync.sln above {AppContext.BaseDirectory}");
    }
}
