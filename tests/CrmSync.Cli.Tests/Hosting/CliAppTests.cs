using CrmSync.Cli.Tests.Support;

namespace CrmSync.Cli.Tests.Hosting;

public class CliAppTests
{
    [Fact]
    public async Task An_unknown_verb_is_bad_usage_with_exit_code_2_and_a_final_what_to_do_line()
    {
        var run = await CliRun.InvokeAsync("no-such-verb");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("'no-such-verb'");
        run.LastErrorLine.Should().Be("crmsync failed: bad usage; run `crmsync --help`");
    }

    [Fact]
    public async Task An_unknown_option_on_a_verb_names_the_verb_in_the_final_line()
    {
        var run = await CliRun.InvokeAsync("publish", "--no-such-option");

        run.ExitCode.Should().Be(2);
        run.LastErrorLine.Should().Be("crmsync publish failed: bad usage; run `crmsync publish --help`");
    }

    [Fact]
    public async Task Help_succeeds_and_lists_the_global_options()
    {
        var run = await CliRun.InvokeAsync("--help");

        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain("--lake").And.Contain("--config").And.Contain("--dry-run").And.Contain("--verbose");
    }

    [Fact]
    public async Task Global_options_are_accepted_after_a_verb()
    {
        var run = await CliRun.InvokeAsync("publish", "--dry-run", "--lake", "/tmp/somewhere", "--config", "/tmp/cfg", "--verbose", "--project", "/tmp/x.csproj");

        run.ExitCode.Should().Be(0, run.Error);
    }
}
