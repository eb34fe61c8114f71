using System.Text.RegularExpressions;
using CrmSync.Cli.Demo;
using CrmSync.Cli.Tests.Support;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Cli.Tests.OperatorCommands;

/// <summary>`crmsync demo` end to end on a small seed: the real pipeline against both emulators, shipped configs.</summary>
public sealed partial class DemoCommandTests
{
    private static readonly string Configs = RepositoryFiles.PathOf("configs");

    [Fact]
    public async Task Demo_syncs_both_emulators_twice_converges_and_prints_a_summary_of_every_table()
    {
        using var folder = new TempDirectory();
        var lake = folder.Combine("lake");

        var run = await CliRun.InvokeAsync("demo", "--contacts", "150", "--seed", "7", "--lake", lake, "--config", Configs);

        run.ExitCode.Should().Be(0, run.Output + run.Error);
        run.Output.Should().Contain("Round 1: full sync").And.Contain("Round 2: incremental sync after the edits");
        foreach (var table in TableNames.All)
        {
            run.Output.Should().Contain(table);
            Directory.Exists(Path.Combine(lake, TableNames.RelativePath(table))).Should().BeTrue(table);
        }

        var convergence = ConvergenceLine().Match(run.Output);
        convergence.Success.Should().BeTrue(run.Output);
        int.Parse(convergence.Groups["people"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeGreaterThan(150, "shared and created people are compared");
        convergence.Groups["unexplained"].Value.Should().Be("0");
        run.Output.Should().Contain("CONVERGED").And.NotContain("NOT CONVERGED").And.NotContain("UNEXPLAINED:");
        run.Output.Should().MatchRegex(@"Conflicts: [1-9]\d* manual field conflicts open", "both sides retitled the same people (job_title is manual)");
        run.Output.Should().Contain("explained:").And.Contain("manual conflict open");
        run.Output.Should().MatchRegex(@"Dead letters: [1-9]\d* open \(.*hubspot", "the email HubSpot refuses is dead-lettered, not lost");
        run.Output.Should().NotContain("emulator-client-secret-value").And.NotContain("pat-na1-");
    }

    [Fact]
    public async Task Demo_replaces_its_own_earlier_lake_but_refuses_any_other_non_empty_folder_without_reset()
    {
        using var folder = new TempDirectory();
        var lake = folder.Combine("lake");
        Directory.CreateDirectory(lake);
        await File.WriteAllTextAsync(Path.Combine(lake, "precious.txt"), "not a demo lake");

        var refused = await CliRun.InvokeAsync("demo", "--contacts", "20", "--lake", lake, "--config", Configs);

        refused.ExitCode.Should().Be(2);
        refused.LastErrorLine.Should().StartWith("crmsync demo failed:").And.Contain("--reset");
        File.Exists(Path.Combine(lake, "precious.txt")).Should().BeTrue("nothing is deleted without --reset");

        var reset = await CliRun.InvokeAsync("demo", "--contacts", "20", "--lake", lake, "--config", Configs, "--reset");
        reset.ExitCode.Should().Be(0, reset.Output + reset.Error);
        File.Exists(Path.Combine(lake, DemoLakeFolder.MarkerFile)).Should().BeTrue();

        var again = await CliRun.InvokeAsync("demo", "--contacts", "20", "--lake", lake, "--config", Configs);
        again.ExitCode.Should().Be(0, again.Output + again.Error);
        again.Output.Should().Contain("Replaced the earlier demo lake");
    }

    [Theory]
    [InlineData("5")]
    [InlineData("1000000")]
    public async Task Demo_rejects_a_contact_count_out_of_range_as_bad_usage(string contacts)
    {
        using var folder = new TempDirectory();

        var run = await CliRun.InvokeAsync("demo", "--contacts", contacts, "--lake", folder.Combine("lake"), "--config", Configs);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain($"--contacts {contacts} is out of range");
        run.LastErrorLine.Should().Contain("pass --contacts between");
    }

    [GeneratedRegex(@"Convergence: (?<people>[\d,]+) people .* (?<unexplained>[\d,]+) unexplained -> CONVERGED")]
    private static partial Regex ConvergenceLine();
}
