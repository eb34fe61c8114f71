using CrmSync.Lake.Storage;
using CrmSync.Pipeline.Locking;
using CrmSync.Pipeline.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Pipeline.Tests.Locking;

/// <summary>The lake's run lock as a lease in the object store, on a fake clock: no test waits for time to pass.</summary>
public sealed class RunLockTests : IDisposable
{
    private static readonly RunLockOptions Options = new() { TimeToLive = TimeSpan.FromMinutes(5), RenewEvery = TimeSpan.FromMinutes(1) };

    /// <summary>A holder whose own renewals never come in these tests (a crashed or hung process; or renewed by hand).</summary>
    private static readonly RunLockOptions NoAutoRenewal = Options with { RenewEvery = TimeSpan.FromDays(1) };

    private readonly TempFolder _folder = new();
    private readonly SignallingClock _clock = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private LocalFileSystemStore Store => new(_folder.Path);

    private RunLock Lock(IObjectStore? store = null, RunLockOptions? options = null) => new(store ?? Store, _clock, options ?? Options);

    private static RunLockOwner Owner(string runId, string stage = "run") => new("host-" + runId, 100, runId, stage);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_second_acquirer_is_refused_naming_the_holder_and_when_it_expires()
    {
        await using var first = await Lock().AcquireAsync(Owner("run-a", "unify"), CancellationToken.None);

        var second = () => Lock().AcquireAsync(Owner("run-b"), CancellationToken.None);

        var refused = (await second.Should().ThrowAsync<RunLockedException>()).Which;
        refused.Holder.Owner.Should().Be(Owner("run-a", "unify"));
        refused.Message.Should().Contain("unify (run run-a) on host host-run-a, process 100").And.Contain("expires 2026-05-01 08:05:00Z");
        first.Lost.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public async Task A_released_lock_is_free_and_records_the_release()
    {
        var first = await Lock().AcquireAsync(Owner("run-a"), CancellationToken.None);
        await first.DisposeAsync();

        var state = await Lock().ReadAsync(CancellationToken.None);
        state!.ReleasedAt.Should().Be(_clock.GetUtcNow());
        await using var second = await Lock().AcquireAsync(Owner("run-b"), CancellationToken.None);
        second.TookOver.Should().BeFalse("a released lock is not a takeover");
        Directory.GetFiles(Path.Combine(_folder.Path, "_crmsync", "run-lock")).Should().ContainSingle("older generations are deleted");
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_and_its_holder_finds_out_at_its_next_renewal()
    {
        var crashed = await Lock(options: NoAutoRenewal).AcquireAsync(Owner("run-a"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        await using var taker = await Lock().AcquireAsync(Owner("run-b"), CancellationToken.None);

        taker.TookOver.Should().BeTrue();
        taker.Previous!.Owner.RunId.Should().Be("run-a");
        var renew = () => crashed.RenewAsync();
        (await renew.Should().ThrowAsync<RunLockLostException>()).Which.Successor!.Owner.RunId.Should().Be("run-b");
        crashed.Lost.IsCancellationRequested.Should().BeTrue();
        await crashed.DisposeAsync();
        (await Lock().ReadAsync(CancellationToken.None))!.Owner.RunId.Should().Be("run-b", "a lost holder releases nothing");
    }

    [Fact]
    public async Task Renewal_keeps_the_lease_alive_past_its_first_expiry()
    {
        await using var holder = await Lock(options: NoAutoRenewal).AcquireAsync(Owner("run-a"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(4));
        await holder.RenewAsync("push-hubspot");
        _clock.Advance(TimeSpan.FromMinutes(4));

        var second = () => Lock().AcquireAsync(Owner("run-b"), CancellationToken.None);

        var holderNow = (await second.Should().ThrowAsync<RunLockedException>()).Which.Holder;
        holderNow.Owner.Stage.Should().Be("push-hubspot");
        holderNow.ExpiresAt.Should().Be(new DateTimeOffset(2026, 5, 1, 8, 9, 0, TimeSpan.Zero));
        holderNow.AcquiredAt.Should().Be(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task The_holder_renews_by_itself_on_the_clock()
    {
        await using var holder = await Lock().AcquireAsync(Owner("run-a"), CancellationToken.None);
        var acquired = holder.Current.Generation;

        _clock.Advance(Options.RenewEvery);

        SpinWait.SpinUntil(() => holder.Current.Generation > acquired, TimeSpan.FromSeconds(30)).Should().BeTrue("the renewal timer fired");
        holder.Current.ExpiresAt.Should().Be(_clock.GetUtcNow() + Options.TimeToLive);
    }

    [Fact]
    public async Task Of_two_processes_taking_over_the_same_expired_lease_exactly_one_wins()
    {
        await Lock(options: NoAutoRenewal).AcquireAsync(Owner("crashed"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(6));
        // Both read the expired generation before either writes the next one.
        var store = new RacingStore(Store, RunLock.Prefix, racers: 2);

        var attempts = await Task.WhenAll(Task.Run(() => TryAcquireAsync(Lock(store), "run-a")), Task.Run(() => TryAcquireAsync(Lock(store), "run-b")));

        attempts.Count(a => a.Held is not null).Should().Be(1);
        var winner = attempts.Single(a => a.Held is not null).Held!;
        attempts.Single(a => a.Refused is not null).Refused!.Holder.Token.Should().Be(winner.Current.Token, "the loser names the winner");
        (await Lock().ReadAsync(CancellationToken.None))!.Token.Should().Be(winner.Current.Token);
        await winner.DisposeAsync();
    }

    private static async Task<(HeldRunLock? Held, RunLockedException? Refused)> TryAcquireAsync(RunLock runLock, string runId)
    {
        try
        {
            return (await runLock.AcquireAsync(Owner(runId), CancellationToken.None), null);
        }
        catch (RunLockedException e)
        {
            return (null, e);
        }
    }

    [Fact]
    public async Task Breaking_by_hand_frees_the_lock_and_the_holder_stops_at_its_next_renewal()
    {
        var holder = await Lock().AcquireAsync(Owner("run-a"), CancellationToken.None);

        var broken = await Lock().BreakAsync("unlock on host ops", CancellationToken.None);

        broken!.Owner.RunId.Should().Be("run-a");
        (await Lock().BreakAsync("again", CancellationToken.None)).Should().BeNull("nothing is held any more");
        await using var next = await Lock().AcquireAsync(Owner("run-b"), CancellationToken.None);
        next.TookOver.Should().BeFalse();
        var renew = () => holder.RenewAsync();
        await renew.Should().ThrowAsync<RunLockLostException>();
        await holder.DisposeAsync();
        (await Lock().ReadAsync(CancellationToken.None))!.Owner.RunId.Should().Be("run-b");
    }

    [Fact]
    public async Task A_waiting_acquirer_gets_the_lock_once_it_is_released()
    {
        var holder = await Lock().AcquireAsync(Owner("run-a"), CancellationToken.None);
        var parked = _clock.NextTimer();
        var waiting = Lock(options: Options with { Wait = TimeSpan.FromMinutes(30) }).AcquireAsync(Owner("run-b"), CancellationToken.None);
        await parked; // refused once, now waiting for the next check

        await holder.DisposeAsync();
        _clock.Advance(Options.RenewEvery);

        await using var acquired = await waiting;
        acquired.Current.Owner.RunId.Should().Be("run-b");
    }

    /// <summary>A fake clock that tells when the next timer is created (a delay or a periodic timer starting).</summary>
    private sealed class SignallingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task NextTimer()
        {
            _created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _created.Task;
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _created.TrySetResult();
            return timer;
        }
    }
}
