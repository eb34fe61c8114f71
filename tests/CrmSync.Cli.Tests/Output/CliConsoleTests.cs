using CrmSync.Cli.Output;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Cli.Tests.Output;

public class CliConsoleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 21, 30, 5, TimeSpan.Zero));

    [Fact]
    public void Redirected_output_gets_plain_utc_timestamped_lines()
    {
        using var output = new StringWriter();
        var console = new CliConsole(output, TextWriter.Null, interactive: false, verbose: false, _clock);

        console.Info("ingested 12 records");

        output.ToString().Should().Be("2026-11-22T21:30:05Z ingested 12 records\n");
        console.IsInteractive.Should().BeFalse();
    }

    [Fact]
    public void Details_only_print_with_verbose()
    {
        using var quiet = new StringWriter();
        using var loud = new StringWriter();

        new CliConsole(quiet, TextWriter.Null, false, verbose: false, _clock).Detail("page 2 of 7");
        new CliConsole(loud, TextWriter.Null, false, verbose: true, _clock).Detail("page 2 of 7");

        quiet.ToString().Should().BeEmpty();
        loud.ToString().Should().EndWith("page 2 of 7\n");
    }

    [Fact]
    public void Errors_go_to_stderr_not_to_the_data_stream()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        new CliConsole(output, error, false, false, _clock).Error("bad thing");

        output.ToString().Should().BeEmpty();
        error.ToString().Should().Be("bad thing\n");
    }

    [Fact]
    public void A_redirected_table_is_the_plain_aligned_table()
    {
        using var output = new StringWriter();

        new CliConsole(output, TextWriter.Null, false, false, _clock).Table(["a", "bb"], [["x", "y"]]);

        output.ToString().Should().Be(PlainTable.Render(["a", "bb"], [["x", "y"]]));
    }

    [Fact]
    public void A_terminal_table_draws_the_cells_without_interpreting_markup()
    {
        using var output = new StringWriter();

        new CliConsole(output, TextWriter.Null, interactive: true, false, _clock).Table(["name"], [["[red]not markup[/]"]]);

        output.ToString().Should().Contain("[red]not markup[/]").And.Contain("name");
    }

    [Fact]
    public async Task A_redirected_step_prints_start_and_finish_lines()
    {
        using var output = new StringWriter();
        var console = new CliConsole(output, TextWriter.Null, false, false, _clock);

        var value = await console.StepAsync("writing table", () => Task.FromResult(42));

        value.Should().Be(42);
        output.ToString().Should().StartWith("2026-11-22T21:30:05Z writing table ...\n")
            .And.MatchRegex(@"writing table done in \d+\.\ds\n$");
    }
}
