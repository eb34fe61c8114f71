namespace CrmSync.Sandbox.Common;

/// <summary>
/// Exact rolling-window limit ("at most N requests in any window of length W"), as HubSpot's
/// TEN_SECONDLY_ROLLING and Dataverse's sliding 5-minute window behave. A ring buffer holds the
/// times of the last N accepted requests, so a check is O(1). Thread-safe; driven by a TimeProvider.
/// </summary>
public sealed class RollingWindowLimiter
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long[] _acceptedTicks;
    private int _next;
    private TimeSpan _window;

    public RollingWindowLimiter(int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _acceptedTicks = [];
        Reconfigure(limit, window);
    }

    public int Limit { get; private set; }

    public TimeSpan Window => _window;

    /// <summary>Changes the budget and forgets past requests.</summary>
    public void Reconfigure(int limit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        lock (_gate)
        {
            Limit = limit;
            _window = window;
            _acceptedTicks = new long[limit];
            Array.Fill(_acceptedTicks, long.MinValue);
            _next = 0;
        }
    }

    /// <summary>Counts the request when the window has room; otherwise says how long until it will.</summary>
    public LimitDecision TryAcquire()
    {
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            // _next is the oldest of the last N accepted requests.
            var oldest = _acceptedTicks[_next];
            var freeAt = oldest == long.MinValue ? long.MinValue : oldest + _window.Ticks;
            if (freeAt > now)
            {
                return new LimitDecision(false, 0, TimeSpan.FromTicks(freeAt - now));
            }

            _acceptedTicks[_next] = now;
            _next = (_next + 1) % _acceptedTicks.Length;
            return new LimitDecision(true, CountFree(now), TimeSpan.Zero);
        }
    }

    private int CountFree(long now)
    {
        var free = 0;
        foreach (var ticks in _acceptedTicks)
        {
            if (ticks == long.MinValue || ticks + _window.Ticks <= now)
            {
                free++;
            }
        }

        return free;
    }
}
