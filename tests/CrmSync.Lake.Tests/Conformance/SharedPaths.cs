namespace CrmSync.Lake.Tests.Conformance;

/// <summary>Finds <c>&lt;repo root&gt;/../shared</c>: the repo root is the directory holding CrmSync.sln above the test binaries.</summary>
internal static class SharedPaths
{
    public static string ConformanceRoot { get; } = Locate();

    private static string Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmSync.sln")))
            dir = dir.Parent;
        if (dir?.Parent is null)
            throw new DirectoryNotFoundException($"No CrmSync.sln above {AppContext.BaseDirectory}.");
        var root = Path.Combine(dir.Parent.FullName, "shared", "delta-conformance");
        return Directory.Exists(root) ? root : throw new DirectoryNotFoundException($"Conformance tables not found at {root}.");
    }
}
