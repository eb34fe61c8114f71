namespace CrmSync.Sandbox.Common;

/// <summary>
/// A quota that resets at fixed boundaries (e.g. HubSpot's DAILY limit, resetting at midnight UTC
/// here). Thread-safe; driven by a TimeProvider.
/// </summary>
public sealed class FixedWindowLimiter
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _windowStartTicks = long.MinValue;
    private int _used;

    public FixedWindowLimiter(int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Reconfigure(limit, window);
    }

    public int Limit { get; private set; }

    public TimeSpan Window { get; private set; }

    /// <summary>Changes the quota and starts counting afresh.</summary>
    public void Reconfigure(int limit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        lock (_gate)
        {
            Limit = limit;
            Window = window;
            _used = 0;
            _windowStartTicks = long.MinValue;
        }
    }

    public LimitDecision TryAcquire()
    {
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            var start = now - (now % Window.Ticks);
            if (start != _windowStartTicks)
            {
                _windowStartTicks = start;
                _used = 0;
            }

            if (_used >= Limit)
            {
                return new LimitDecision(false, 0, TimeSpan.FromTicks(start + Window.Ticks - now));
            }

            _used++;
            return new LimitDecision(true, Limit - _used, TimeSpan.Zero);
        }
    }
}
