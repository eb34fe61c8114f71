using System.Text.RegularExpressions;

namespace CrmSync.Cli.Tests.OperatorCommands;

/// <summary>`crmsync report` on a demo lake: one self-contained HTML file whose figures match the tables.</summary>
public sealed class ReportCommandTests(DemoLakeFixture demo) : IClassFixture<DemoLakeFixture>
{
    [Fact]
    public async Task Report_writes_one_self_contained_page_with_every_chart_and_the_lake_figures()
    {
        var runs = (await demo.ScalarAsync("SELECT string_agg(DISTINCT run_id, ' ') FROM meta.sync_runs")).Split(' ');
        var openDeadLetters = await demo.ScalarAsync("SELECT count(*) FROM meta.dead_letter WHERE status = 'OPEN'");
        var openConflicts = await demo.ScalarAsync("SELECT count(*) FROM silver.field_conflicts WHERE status = 'OPEN'");
        var file = Path.Combine(Path.GetDirectoryName(demo.Lake)!, "report.html");

        var run = await demo.RunAsync("report", "--output", file);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain($"Wrote {file} ({runs.Length} runs, {openDeadLetters} open dead letters, {openConflicts} open conflicts)");
        var html = await File.ReadAllTextAsync(file);
        html.Should().StartWith("<!DOCTYPE html>").And.EndWith("</html>\n");
        foreach (var section in new[] { "Run history", "Throughput", "Error rates", "Outbox backlog", "Conflicts" })
        {
            html.Should().Contain($"<h2>{section}</h2>");
        }

        Regex.Count(html, "<svg ").Should().Be(5);
        Regex.Count(html, @"(src|href)\s*=").Should().Be(0, "no external script, style sheet or image");
        html.Should().NotContain("<script");
        foreach (var id in runs)
        {
            html.Should().Contain($"<td>{id}</td>");
        }

        html.Should().Contain($"Dead letters open: <b>{openDeadLetters}</b>").And.Contain($"Open manual field conflicts: <b>{openConflicts}</b>");
    }
}
