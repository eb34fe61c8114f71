using CrmSync.Cli.Tests.Support;
using CrmSync.Lake.Storage;
using CrmSync.Pipeline.Locking;

namespace CrmSync.Cli.Tests.OperatorCommands;

/// <summary>`crmsync dead-letter` on a demo lake (its HubSpot pushes of invalid emails are dead-lettered), checked through `crmsync sql`.</summary>
public sealed class DeadLetterCommandTests(DemoLakeFixture demo) : IClassFixture<DemoLakeFixture>
{
    [Fact]
    public async Task List_show_retry_and_discard_change_the_outbox_and_dead_letter_rows_and_record_each_operation_in_the_audit_log()
    {
        var open = (await demo.ScalarAsync("SELECT string_agg(outbox_id, ' ' ORDER BY outbox_id) FROM meta.dead_letter WHERE status = 'OPEN'")).Split(' ');
        open.Should().HaveCountGreaterThanOrEqualTo(2, "the demo dead-letters the emails HubSpot refuses");
        var (retried, discarded) = (open[0], open[1]);

        var list = await demo.RunAsync("dead-letter", "list");
        list.ExitCode.Should().Be(0, list.Error);
        list.Output.Should().Contain(retried).And.Contain(discarded).And.Contain($"{open.Length} dead letters (OPEN)");

        var show = await demo.RunAsync("dead-letter", "show", retried);
        show.ExitCode.Should().Be(0, show.Error);
        show.Output.Should().MatchRegex(@"(?m)^status\s+OPEN").And.Contain("VALIDATION_ERROR").And.MatchRegex(@"(?m)^payload\s*$", "the payload follows, pretty-printed");

        var retry = await demo.RunAsync("dead-letter", "retry", retried);
        retry.ExitCode.Should().Be(0, retry.Error);
        retry.Output.Should().Contain("Retried 1 dead letters");
        (await demo.ScalarAsync($"SELECT status || ' ' || attempts FROM gold.hubspot_outbox_contacts WHERE outbox_id = '{retried}'")).Should().Be("PENDING 0");
        (await demo.ScalarAsync($"SELECT status FROM meta.dead_letter WHERE outbox_id = '{retried}'")).Should().Be("RETRIED");

        var discard = await demo.RunAsync("dead-letter", "discard", discarded, "--reason", "typo, fixed by hand in HubSpot");
        discard.ExitCode.Should().Be(0, discard.Error);
        (await demo.ScalarAsync($"SELECT status || '|' || resolution FROM meta.dead_letter WHERE outbox_id = '{discarded}'"))
            .Should().Be("DISCARDED|typo, fixed by hand in HubSpot");
        (await demo.ScalarAsync($"SELECT status FROM gold.hubspot_outbox_contacts WHERE outbox_id = '{discarded}'")).Should().Be("DEAD");

        (await demo.ScalarAsync("SELECT string_agg(operation || ' ' || path, ',' ORDER BY operation) FROM meta.audit_log WHERE system = 'crmsync'"))
            .Should().Be($"dead_letter.discard meta.dead_letter/hubspot/{discarded},dead_letter.retry meta.dead_letter/hubspot/{retried}");

        var again = await demo.RunAsync("dead-letter", "retry", retried);
        again.ExitCode.Should().Be(2);
        again.Error.Should().Contain($"{retried}: already RETRIED");
    }

    [Fact]
    public async Task Retry_of_an_unknown_id_changes_nothing_and_discard_needs_a_reason()
    {
        var before = await demo.ScalarAsync("SELECT count(*) FROM meta.audit_log");

        var unknown = await demo.RunAsync("dead-letter", "retry", "no-such-outbox-id");
        var noReason = await demo.RunAsync("dead-letter", "discard", "--all");
        var neither = await demo.RunAsync("dead-letter", "retry");

        unknown.ExitCode.Should().Be(2);
        unknown.Error.Should().Contain("no-such-outbox-id: no such dead letter").And.Contain("Nothing was changed");
        noReason.ExitCode.Should().Be(2);
        noReason.LastErrorLine.Should().Contain("--reason");
        neither.ExitCode.Should().Be(2);
        neither.Error.Should().Contain("needs outbox ids or --all");
        (await demo.ScalarAsync("SELECT count(*) FROM meta.audit_log")).Should().Be(before);
    }

    [Fact]
    public async Task Retry_and_discard_on_a_lake_a_stage_holds_exit_1_naming_the_holder_and_change_nothing()
    {
        const string OpenLetters = "SELECT count(*) FROM meta.dead_letter WHERE status = 'OPEN'";
        var before = await demo.ScalarAsync(OpenLetters);
        var runLock = new RunLock(new LocalFileSystemStore(demo.Lake), TimeProvider.System, new RunLockOptions { RenewEvery = TimeSpan.FromDays(1) });
        await using (await runLock.AcquireAsync(new RunLockOwner("cron-box", 4242, "run-7", "push-hubspot"), CancellationToken.None))
        {
            var retry = await demo.RunAsync("dead-letter", "retry", "--all");
            var discard = await demo.RunAsync("dead-letter", "discard", "--all", "--reason", "cleanup");

            retry.ExitCode.Should().Be(1, retry.Error);
            retry.Error.Should().Contain("push-hubspot (run run-7) on host cron-box, process 4242");
            discard.ExitCode.Should().Be(1, discard.Error);
        }

        (await demo.ScalarAsync(OpenLetters)).Should().Be(before, "a push may be sending those rows: nothing changed under its feet");
    }
}
