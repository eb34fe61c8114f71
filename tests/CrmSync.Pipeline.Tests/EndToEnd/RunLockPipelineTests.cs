using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Locking;
using CrmSync.Pipeline.Progress;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>Every stage verb and `run` hold the lake's run lock: an overlapping invocation is refused before it writes, the
/// lock is given back however the stage ends, and an invocation that lost it stops.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class RunLockPipelineTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await SyncHarness.StartAsync();
        _harness.HubSpot.Create(People.HubSpot("ada@example.com", "Ada", "Lovelace"));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_overlapping_invocation_is_refused_naming_the_holder_and_writes_nothing()
    {
        var pipeline = await _harness.PipelineAsync();
        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Succeeded.Should().BeTrue();
        var runsBefore = (await _harness.ReadAsync(TableNames.SyncRuns)).Count;
        await using var other = await pipeline.RunLock.AcquireAsync(new RunLockOwner("cron-box", 4242, "run-other", StageNames.PushHubSpot), CancellationToken.None);

        var stage = () => pipeline.RunStageAsync(StageNames.IngestHubSpot, new StageOptions());
        var run = async () => await (await _harness.PipelineAsync()).RunAllAsync(new StageOptions());

        (await stage.Should().ThrowAsync<RunLockedException>()).WithMessage("*push-hubspot (run run-other) on host cron-box, process 4242*expires*");
        await run.Should().ThrowAsync<RunLockedException>();
        (await _harness.ReadAsync(TableNames.SyncRuns)).Should().HaveCount(runsBefore, "a refused invocation records nothing");
        (await _harness.ReadAsync(TableNames.HubSpotRaw)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_lock_is_released_after_success_failure_and_a_crash_and_names_the_stage_while_held()
    {
        var pipeline = await _harness.PipelineAsync();
        var stagesSeen = new List<string>();
        var watching = new SyncPipeline(await _harness.LoadSettingsAsync(), new PipelineHost
        {
            Clock = _harness.Clock,
            Progress = new CallbackProgressSink(_ => stagesSeen.Add(pipeline.RunLock.ReadAsync(CancellationToken.None).GetAwaiter().GetResult()!.Owner.Stage)),
        });
        (await watching.RunAllAsync(new StageOptions())).Should().OnlyContain(r => r.Succeeded);
        stagesSeen.Should().Contain(StageNames.IngestHubSpot, "the lock names the stage `run` has reached");
        await ShouldBeReleasedAsync(pipeline);

        var crashing = await _harness.PipelineAsync(new CrashPoints([CrashPoints.IngestAfterRead]));
        _harness.HubSpot.Create(People.HubSpot("bob@example.com", "Bob", "Byron"));
        var crash = () => crashing.RunStageAsync(StageNames.IngestHubSpot, new StageOptions());
        await crash.Should().ThrowAsync<InjectedCrashException>();
        await ShouldBeReleasedAsync(pipeline);

        var cancelled = new CancellationTokenSource();
        var cancelling = new SyncPipeline(await _harness.LoadSettingsAsync(), new PipelineHost
        {
            Clock = _harness.Clock,
            Progress = new CallbackProgressSink(_ => cancelled.Cancel()),
        });
        var cancel = () => cancelling.RunStageAsync(StageNames.IngestHubSpot, new StageOptions { Full = true }, cancelled.Token);
        await cancel.Should().ThrowAsync<OperationCanceledException>();
        await ShouldBeReleasedAsync(pipeline);

        // A failing stage (here bronze lacks a newly mapped column until setup runs) is recorded FAILED and gives the lock back too.
        await File.AppendAllTextAsync(Path.Combine(_harness.ConfigDirectory, PipelineSettingsLoader.MappingsFile),
            "\n  - name: nickname\n    type: string\n    hubspot: nickname\n    dynamics: nickname\n");
        var ingest = await (await _harness.PipelineAsync()).RunStageAsync(StageNames.IngestHubSpot, new StageOptions());
        ingest.Succeeded.Should().BeFalse();
        ingest.Error.Should().Contain("nickname");
        await ShouldBeReleasedAsync(pipeline);

        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Succeeded.Should().BeTrue("the lake is free again");
    }

    [Fact]
    public async Task A_run_whose_lock_was_broken_stops_before_its_next_stage()
    {
        var breaker = await _harness.PipelineAsync();
        var broken = false;
        var pipeline = new SyncPipeline(await _harness.LoadSettingsAsync(), new PipelineHost
        {
            Clock = _harness.Clock,
            Progress = new CallbackProgressSink(progress =>
            {
                if (!broken && progress.Stage == StageNames.IngestHubSpot)
                {
                    broken = true;
                    breaker.RunLock.BreakAsync("crmsync unlock by the test", CancellationToken.None).GetAwaiter().GetResult().Should().NotBeNull();
                }
            }),
        });

        var run = () => pipeline.RunAllAsync(new StageOptions());

        var lost = (await run.Should().ThrowAsync<RunLockLostException>()).Which;
        lost.Message.Should().Contain("crmsync unlock by the test");
        (await breaker.Runs.LatestAsync(StageNames.IngestDynamics, CancellationToken.None)).Should().BeNull("the run stopped before the next stage");
        (await breaker.RunLock.ReadAsync(CancellationToken.None))!.ReleasedBy.Should().Be("crmsync unlock by the test", "a lost lock is not released again");
    }

    private static async Task ShouldBeReleasedAsync(SyncPipeline pipeline)
    {
        var state = await pipeline.RunLock.ReadAsync(CancellationToken.None);
        state.Should().NotBeNull();
        state!.ReleasedAt.Should().NotBeNull($"the lock held by {state.Owner} is given back");
    }

    private sealed class CallbackProgressSink(Action<StageProgress> onReport) : IStageProgressSink
    {
        public void Report(StageProgress progress) => onReport(progress);
    }
}
