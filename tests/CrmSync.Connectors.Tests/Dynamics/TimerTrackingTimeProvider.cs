using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>
/// The client's view of a shared <see cref="FakeTimeProvider"/> that also knows when the client's
/// pending timers (backoff, Retry-After, rate-limit waits) are due, so a test can move the clock
/// exactly to the next one instead of guessing how far to jump.
/// </summary>
internal sealed class TimerTrackingTimeProvider(FakeTimeProvider clock) : TimeProvider
{
    private readonly ConcurrentDictionary<TrackedTimer, DateTimeOffset> _due = new();

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    /// <summary>The earliest pending timer due within <paramref name="horizon"/>, if any.</summary>
    public DateTimeOffset? NextDue(TimeSpan horizon)
    {
        var limit = clock.GetUtcNow() + horizon;
        var due = _due.Values.Where(d => d <= limit).ToList();
        return due.Count == 0 ? null : due.Min();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        tracked.Inner = clock.CreateTimer(s =>
        {
            if (period == Timeout.InfiniteTimeSpan) _due.TryRemove(tracked, out _);
            else _due[tracked] = clock.GetUtcNow() + period;
            callback(s);
        }, state, dueTime, period);
        Schedule(tracked, dueTime);
        return tracked;
    }

    private void Schedule(TrackedTimer timer, TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) _due.TryRemove(timer, out _);
        else _due[timer] = clock.GetUtcNow() + dueTime;
    }

    private sealed class TrackedTimer(TimerTrackingTimeProvider owner) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            owner._due.TryRemove(this, out _);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner._due.TryRemove(this, out _);
            return Inner.DisposeAsync();
        }
    }
}
