using CrmSync.Cli.Hosting;
using CrmSync.Cli.Publishing;
using CrmSync.Cli.Tests.Support;

namespace CrmSync.Cli.Tests.Commands;

public class PublishCommandTests
{
    [Fact]
    public void The_invocation_is_a_self_contained_single_file_release_publish()
    {
        var invocation = new PublishInvocation("src/CrmSync.Cli/CrmSync.Cli.csproj", "linux-x64", "/out dir");

        invocation.CommandLine.Should().Be(
            "dotnet publish src/CrmSync.Cli/CrmSync.Cli.csproj -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -o \"/out dir\"");
    }

    [Fact]
    public void The_project_is_found_from_any_folder_inside_the_repository()
    {
        using var repo = new TempDirectory();
        Directory.CreateDirectory(repo.Combine("src", "CrmSync.Cli"));
        File.WriteAllText(repo.Combine("src", "CrmSync.Cli", "CrmSync.Cli.csproj"), "<Project />");
        Directory.CreateDirectory(repo.Combine("docs", "deep"));

        PublishInvocation.LocateProject(repo.Combine("docs", "deep"))
            .Should().Be(repo.Combine("src", "CrmSync.Cli", "CrmSync.Cli.csproj"));
    }

    [Fact]
    public void Outside_the_repository_the_project_lookup_is_a_usage_error()
    {
        using var elsewhere = new TempDirectory();

        var lookup = () => PublishInvocation.LocateProject(elsewhere.Path);

        lookup.Should().Throw<CliUsageException>().Which.Remedy.Should().Contain("--project");
    }

    [Fact]
    public async Task Dry_run_prints_the_command_and_publishes_nothing()
    {
        using var target = new TempDirectory();
        var output = Path.Combine(target.Path, "bin");

        var run = await CliRun.InvokeAsync("publish", "--dry-run", "--project", "/repo/src/CrmSync.Cli/CrmSync.Cli.csproj", "-o", output);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain($"running: dotnet publish /repo/src/CrmSync.Cli/CrmSync.Cli.csproj -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -o {output}");
        run.Output.Should().Contain("dry run: nothing published");
        Directory.Exists(output).Should().BeFalse();
    }
}
