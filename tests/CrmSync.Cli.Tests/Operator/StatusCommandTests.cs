using System.Text.Json;
using CrmSync.Cli.Tests.Support;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Cli.Tests.OperatorCommands;

/// <summary>`crmsync status` on a demo lake, checked against the tables read through `crmsync sql`.</summary>
public sealed class StatusCommandTests(DemoLakeFixture demo) : IClassFixture<DemoLakeFixture>
{
    [Fact]
    public async Task Status_shows_every_stage_watermarks_outbox_backlog_dead_letters_and_open_conflicts()
    {
        var openDeadLetters = await demo.ScalarAsync("SELECT count(*) FROM meta.dead_letter WHERE status = 'OPEN'");
        var openConflicts = await demo.ScalarAsync("SELECT count(*) FROM silver.field_conflicts WHERE status = 'OPEN'");

        var run = await demo.RunAsync("status");

        run.ExitCode.Should().Be(0, run.Error);
        foreach (var stage in StageNames.InOrder)
        {
            run.Output.Should().MatchRegex($@"(?m)^{stage}\s+SUCCEEDED\s", "the demo's second round ran every stage");
        }

        run.Output.Should().Contain("hubspot.contacts").And.Contain("dynamics.contacts");
        run.Output.Should().MatchRegex(@"(?m)^hubspot\s+\d+\s+[\d,]+\s", "outbox counts per system and status");
        run.Output.Should().Contain($"Dead letters: {openDeadLetters} open");
        run.Output.Should().Contain($"Open manual conflicts: {openConflicts} (job_title: {openConflicts})");
    }

    [Fact]
    public async Task Status_json_is_one_document_whose_counts_match_the_tables()
    {
        var succeededHubSpot = await demo.ScalarAsync("SELECT count(*) FROM gold.hubspot_outbox_contacts WHERE status = 'SUCCESS'");
        var openDeadLetters = await demo.ScalarAsync("SELECT count(*) FROM meta.dead_letter WHERE status = 'OPEN'");
        var lastPushRead = await demo.ScalarAsync("SELECT records_read FROM meta.sync_runs WHERE stage = 'push-dynamics' ORDER BY sequence DESC LIMIT 1");

        var run = await demo.RunAsync("status", "--json");

        run.ExitCode.Should().Be(0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        root.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()).Should().Equal(StageNames.InOrder);
        root.GetProperty("stages").EnumerateArray().Should().OnlyContain(s => s.GetProperty("status").GetString() == "SUCCEEDED");
        root.GetProperty("stages")[7].GetProperty("read").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(lastPushRead);
        root.GetProperty("outboxes")[0].GetProperty("system").GetString().Should().Be("hubspot");
        root.GetProperty("outboxes")[0].GetProperty("by_status").GetProperty("SUCCESS").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(succeededHubSpot);
        root.GetProperty("dead_letters").GetProperty("open").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(openDeadLetters);
        root.GetProperty("dead_letters").GetProperty("rows").EnumerateArray().Select(r => r.EnumerateObject().Select(p => p.Name))
            .Should().OnlyContain(names => !names.Contains("payload"), "field values stay in the lake");
        root.GetProperty("watermarks").EnumerateArray().Select(w => w.GetProperty("stream").GetString()).Should().Contain(["hubspot.contacts", "dynamics.contacts"]);
    }

    [Fact]
    public async Task Status_of_a_folder_without_a_lake_is_bad_usage_naming_the_folder()
    {
        using var empty = new TempDirectory();

        var run = await CliRun.InvokeAsync("status", "--lake", empty.Path, "--config", demo.Configs);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain($"No CrmSync lake at {empty.Path}");
        run.LastErrorLine.Should().StartWith("crmsync status failed:").And.Contain("--lake");
    }
}
