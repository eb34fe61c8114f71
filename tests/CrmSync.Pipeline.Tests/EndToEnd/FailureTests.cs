using CrmSync.Lake;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Stages.Deltas;
using CrmSync.Pipeline.Stages.Push;
using CrmSync.Pipeline.Tests.Support;
using CrmSync.Sandbox.Common;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>Scenarios 7 and 8 plus the daily-quota stop and a send that fails outright: partial failures dead-lettered,
/// throttling and 5xx ridden out, outcomes of earlier batches kept.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class FailureTests : IAsyncLifetime
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_207_partial_failure_dead_letters_the_bad_row_and_the_rest_succeed()
    {
        var bad = _harness.Dynamics.Create(People.Dynamics("bad@localhost", "Bad", "Address"));
        for (var i = 0; i < 3; i++)
        {
            _harness.Dynamics.Create(People.Dynamics($"good{i}@example.com", "Good", $"Person{i}"));
        }

        await _harness.SyncAsync();

        var outbox = await _harness.ReadAsync(TableNames.HubSpotOutbox);
        outbox.Should().HaveCount(4);
        outbox.Count(r => (string)r["status"]! == OutboxStatus.Success).Should().Be(3);
        var dead = outbox.Single(r => (string)r["status"]! == OutboxStatus.Dead);
        ((string)dead["last_error"]!).Should().Contain("INVALID_EMAIL");
        var letters = await _harness.ReadAsync(TableNames.DeadLetter);
        letters.Should().ContainSingle().Which["outbox_id"].Should().Be(dead["outbox_id"]);
        letters[0]["status"].Should().Be(DeadLetterStatus.Open);
        _harness.HubSpot.GetAll().Select(c => c.Properties["email"]).Should().BeEquivalentTo(["good0@example.com", "good1@example.com", "good2@example.com"]);
        bad.ContactId.Should().NotBeEmpty();

        var pipeline = await _harness.PipelineAsync();
        (await pipeline.DeadLetters.ListAsync()).Should().ContainSingle();
        await pipeline.DeadLetters.DiscardAsync((string)dead["outbox_id"]!, "fix the address in Dynamics");
        (await pipeline.DeadLetters.ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_429_storm_and_5xx_faults_leave_nothing_lost_once_a_later_run_completes()
    {
        var seed = new SeedOptions { Seed = 5, InvalidValueFraction = 0, DuplicateEmailFraction = 0 };
        _harness.HubSpot.Seed(60, seed);
        _harness.Dynamics.Seed(60, seed);
        _harness.HubSpot.Faults.FailNext(12, FaultKind.RateLimited, "batch");
        _harness.Dynamics.Faults.FailNext(3, FaultKind.ServerError, "$batch");
        _harness.HubSpot.Faults.FailNext(2, FaultKind.ServerError, "search");

        await _harness.SyncAsync();
        var afterStorm = await _harness.ReadAsync(TableNames.HubSpotOutbox);
        afterStorm.Should().Contain(r => (string)r["status"]! == OutboxStatus.Failed, "a batch still throttled after every client retry waits for the next run");

        // push.max_backoff is 200ms in the test configuration: each later run starts after every backoff has elapsed.
        var pastBackoff = TimeSpan.FromSeconds(1);
        _harness.Clock.Advance(pastBackoff);
        await _harness.SyncAsync();
        _harness.Clock.Advance(pastBackoff);
        await _harness.SyncAsync();

        foreach (var table in new[] { TableNames.HubSpotOutbox, TableNames.DynamicsOutbox })
        {
            (await _harness.ReadAsync(table)).Should().OnlyContain(r => (string)r["status"]! == OutboxStatus.Success || (string)r["status"]! == OutboxStatus.Superseded);
        }

        Duplicates.CreatedInHubSpot(_harness.HubSpot, _start).Should().BeEmpty("no create was duplicated");
        Duplicates.CreatedInDynamics(_harness.Dynamics, _start).Should().BeEmpty("no create was duplicated");
        var audit = await _harness.ReadAsync(TableNames.AuditLog);
        audit.Should().Contain(r => (int?)r["status"] == 429);
        audit.Should().Contain(r => (int?)r["status"] == 500);
        (await _harness.ReadAsync(TableNames.DeadLetter)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_send_that_fails_outright_still_records_the_outcomes_of_the_batches_sent_before_it()
    {
        _harness.HubSpot.Create(People.HubSpot("both@example.com", "Bea", "Both", phone: "+1 555 0100"));
        var both = _harness.Dynamics.Create(People.Dynamics("both@example.com", "Bea", "Both", phone: "+1 555 0100"));
        await _harness.SyncAsync();
        var pipeline = await _harness.PipelineAsync();
        var upToCompute = StageNames.InOrder.TakeWhile(s => s != StageNames.PushHubSpot).ToList();

        _harness.Dynamics.Create(People.Dynamics("only@example.com", "Olly", "Dynamics"));
        foreach (var stage in upToCompute)
        {
            (await pipeline.RunStageAsync(stage, new StageOptions())).Succeeded.Should().BeTrue(stage);
        }

        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        _harness.Dynamics.Update(both.ContactId, new Dictionary<string, object?> { ["telephone1"] = "+1 555 0199" });
        foreach (var stage in upToCompute)
        {
            (await pipeline.RunStageAsync(stage, new StageOptions())).Succeeded.Should().BeTrue(stage);
        }

        var pending = (await _harness.ReadAsync(TableNames.HubSpotOutbox)).Where(r => (string)r["status"]! == OutboxStatus.Pending).ToList();
        pending.Select(r => (string)r["operation"]!).Should().BeEquivalentTo(["CREATE", "UPDATE"], "the create was queued a run before the update");
        _harness.HubSpot.Faults.FailNext(1, FaultKind.HtmlPage, "/batch/update");

        var push = await pipeline.RunStageAsync(StageNames.PushHubSpot, new StageOptions { BatchSize = 1 });

        push.Succeeded.Should().BeFalse("a malformed answer to the update is not a per-record failure");
        var outbox = await _harness.ReadAsync(TableNames.HubSpotOutbox);
        outbox.Single(r => (string)r["operation"]! == "CREATE")["status"].Should().Be(OutboxStatus.Success, "the create went through before the failing call");
        var update = outbox.Single(r => (string)r["operation"]! == "UPDATE");
        update["status"].Should().Be(OutboxStatus.Pending, "the failed call's row is left for the next run");
        update["attempts"].Should().Be(0);
        _harness.HubSpot.GetAll().Should().ContainSingle(c => c.Properties["email"] == "only@example.com");
    }

    [Fact]
    public async Task A_daily_quota_stop_ends_push_cleanly_and_leaves_unsent_rows_pending()
    {
        for (var i = 0; i < 5; i++)
        {
            _harness.Dynamics.Create(People.Dynamics($"quota{i}@example.com", "Quota", $"Person{i}"));
        }

        var pipeline = await _harness.PipelineAsync();
        foreach (var stage in StageNames.InOrder.Take(6))
        {
            (await pipeline.RunStageAsync(stage, new StageOptions())).Succeeded.Should().BeTrue();
        }

        _harness.HubSpot.Limits.Configure(10_000, 10_000, daily: 1);
        _harness.HubSpot.Limits.Enabled = true;
        var push = await pipeline.RunStageAsync(StageNames.PushHubSpot, new StageOptions { BatchSize = 2 });

        push.Status.Should().Be(StageStatus.Stopped, "the second batch hits the daily limit");
        push.Error.Should().Contain("quota");
        var outbox = await _harness.ReadAsync(TableNames.HubSpotOutbox);
        outbox.Count(r => (string)r["status"]! == OutboxStatus.Success).Should().Be(2);
        outbox.Where(r => (string)r["status"]! != OutboxStatus.Success).Should().HaveCount(3)
            .And.OnlyContain(r => (string)r["status"]! == OutboxStatus.Pending && (int)r["attempts"]! == 0, "rows not sent stay PENDING untouched");
        var run = await pipeline.Runs.LatestAsync(StageNames.PushHubSpot, CancellationToken.None);
        run!.Status.Should().Be(StageStatus.Stopped);
        run.Error.Should().Contain("quota");
        _harness.HubSpot.GetAll().Should().HaveCount(2);
    }
}
