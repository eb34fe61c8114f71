using CrmSync.Sandbox.Common;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Connectors.Tests.Common;

public sealed class SandboxLimiterTests
{
    [Fact]
    public void The_rolling_window_refuses_the_request_that_would_make_N_plus_1_within_any_window()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new RollingWindowLimiter(2, TimeSpan.FromSeconds(10), clock);

        limiter.TryAcquire().Should().Be(new LimitDecision(true, 1, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromSeconds(4));
        limiter.TryAcquire().Should().Be(new LimitDecision(true, 0, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromSeconds(5));
        limiter.TryAcquire().Should().Be(new LimitDecision(false, 0, TimeSpan.FromSeconds(1)));
        clock.Advance(TimeSpan.FromSeconds(1));
        limiter.TryAcquire().Accepted.Should().BeTrue("the first request (t=0) is exactly one window old");
        limiter.TryAcquire().Should().Be(new LimitDecision(false, 0, TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public void The_fixed_window_resets_at_the_boundary_and_says_how_long_until_then()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 23, 0, 0, TimeSpan.Zero));
        var daily = new FixedWindowLimiter(2, TimeSpan.FromDays(1), clock);

        daily.TryAcquire().Remaining.Should().Be(1);
        daily.TryAcquire().Remaining.Should().Be(0);
        daily.TryAcquire().Should().Be(new LimitDecision(false, 0, TimeSpan.FromHours(1)));
        clock.Advance(TimeSpan.FromHours(1));
        daily.TryAcquire().Accepted.Should().BeTrue();
    }
}
