using CrmSync.Connectors.Common;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Connectors.Tests.Common;

public sealed class RollingWindowRateLimiterTests
{
    [Fact]
    public async Task Grants_the_budget_at_once_then_each_next_permit_when_the_oldest_leaves_the_window_plus_margin()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var limiter = new RollingWindowRateLimiter(new RateLimitOptions(3, TimeSpan.FromSeconds(10)) { SafetyMargin = TimeSpan.FromMilliseconds(100) }, clock);

        for (var i = 0; i < 3; i++)
        {
            using var lease = await limiter.AcquireAsync();
            lease.IsAcquired.Should().BeTrue();
            lease.Dispose();
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var fourth = limiter.AcquireAsync().AsTask();
        fourth.IsCompleted.Should().BeFalse("three permits were granted in the last 10.1 s");
        limiter.AttemptAcquire().IsAcquired.Should().BeFalse();

        clock.Advance(TimeSpan.FromSeconds(7.1) - TimeSpan.FromTicks(1));
        fourth.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromTicks(1));
        (await fourth).IsAcquired.Should().BeTrue("the first permit (t=0) left the window at t=10.1 s");
    }

    [Fact]
    public async Task A_permit_counts_from_when_its_request_finished_so_latency_cannot_overrun_the_service()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var limiter = new RollingWindowRateLimiter(new RateLimitOptions(1, TimeSpan.FromSeconds(10)) { SafetyMargin = TimeSpan.Zero }, clock);

        var inFlight = await limiter.AcquireAsync();
        var next = limiter.AcquireAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(30));
        next.IsCompleted.Should().BeFalse("the only permit is still in flight");

        inFlight.Dispose();
        clock.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        next.IsCompleted.Should().BeFalse("the service may have counted the request as late as its response (t=30 s)");
        clock.Advance(TimeSpan.FromTicks(1));
        (await next).IsAcquired.Should().BeTrue();
    }

    [Fact]
    public async Task Waiters_are_served_in_arrival_order()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var limiter = new RollingWindowRateLimiter(new RateLimitOptions(1, TimeSpan.FromSeconds(1)) { SafetyMargin = TimeSpan.Zero }, clock);
        (await limiter.AcquireAsync()).Dispose();
        var order = new List<int>();
        var waiters = Enumerable.Range(1, 3).Select(async i =>
        {
            (await limiter.AcquireAsync()).Dispose();
            lock (order)
            {
                order.Add(i);
            }
        }).ToList();

        await FakeClockPump.RunAsync(clock, Task.WhenAll(waiters), TimeSpan.FromMilliseconds(100));

        order.Should().Equal(1, 2, 3);
        (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Should().BeCloseTo(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Cancelling_a_waiter_gives_up_its_place()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var limiter = new RollingWindowRateLimiter(new RateLimitOptions(1, TimeSpan.FromSeconds(1)), clock);
        using var held = await limiter.AcquireAsync();
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(1, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await waiting.Invoking(w => w).Should().ThrowAsync<OperationCanceledException>();
    }
}
