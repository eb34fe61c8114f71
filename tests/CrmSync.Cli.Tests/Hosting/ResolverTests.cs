using CrmSync.Cli.Hosting;

namespace CrmSync.Cli.Tests.Hosting;

public class ResolverTests
{
    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["CRMSYNC_LAKE"] = "/data/lake-from-env",
        ["CONFIG_DIR"] = "/data/config-from-env",
    };

    [Fact]
    public void The_lake_option_wins_over_the_environment()
    {
        LakeRootResolver.Resolve("/data/lake-from-option", Lookup(Environment)).Should().Be("/data/lake-from-option");
    }

    [Fact]
    public void The_lake_falls_back_to_CRMSYNC_LAKE_then_to_dot_lake()
    {
        LakeRootResolver.Resolve(null, Lookup(Environment)).Should().Be("/data/lake-from-env");
        LakeRootResolver.Resolve(null, Lookup([])).Should().Be(Path.GetFullPath("lake"));
    }

    [Fact]
    public void The_config_folder_falls_back_to_CONFIG_DIR_then_to_dot_configs()
    {
        ConfigDirectoryResolver.Resolve("/c", Lookup(Environment)).Should().Be("/c");
        ConfigDirectoryResolver.Resolve(null, Lookup(Environment)).Should().Be("/data/config-from-env");
        ConfigDirectoryResolver.Resolve("", Lookup([])).Should().Be(Path.GetFullPath("configs"));
    }

    private static Func<string, string?> Lookup(Dictionary<string, string?> variables) =>
        name => variables.GetValueOrDefault(name);
}
