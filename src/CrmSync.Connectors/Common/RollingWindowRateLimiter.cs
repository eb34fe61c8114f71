using System.Threading.RateLimiting;

namespace CrmSync.Connectors.Common;

/// <summary>
/// Client twin of a service's rolling window: grants a permit only when fewer than N permits were
/// granted in the last window (+ safety margin), waiting on the TimeProvider otherwise. Waiters are
/// served in arrival order. Unlike System.Threading.RateLimiting's limiters it has no internal
/// timer, so it is exact and a FakeTimeProvider drives it in tests.
/// </summary>
public sealed class RollingWindowRateLimiter : RateLimiter
{
    private readonly TimeProvider _time;
    private readonly long _spacingTicks;
    private readonly long[] _grantedTicks;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private int _oldest;
    private long _lastGrantTimestamp;

    public RollingWindowRateLimiter(RateLimitOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _time = time;
        _spacingTicks = (options.Window + options.SafetyMargin).Ticks;
        _grantedTicks = new long[options.PermitLimit];
        Array.Fill(_grantedTicks, long.MinValue);
        _lastGrantTimestamp = time.GetTimestamp();
    }

    public override TimeSpan? IdleDuration => _time.GetElapsedTime(Interlocked.Read(ref _lastGrantTimestamp));

    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = FreePermits(_time.GetUtcNow().UtcTicks),
        CurrentQueuedCount = _turn.CurrentCount == 0 ? 1 : 0,
    };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermitCount(permitCount);
        if (!_turn.Wait(0))
        {
            return Lease.Rejected;
        }

        try
        {
            return TryGrant(_time.GetUtcNow().UtcTicks, out _) ? Lease.Granted : Lease.Rejected;
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermitCount(permitCount);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!TryGrant(_time.GetUtcNow().UtcTicks, out var wait))
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            return Lease.Granted;
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _turn.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool TryGrant(long nowTicks, out TimeSpan wait)
    {
        lock (_gate)
        {
            var oldest = _grantedTicks[_oldest];
            if (oldest != long.MinValue && oldest + _spacingTicks > nowTicks)
            {
                wait = TimeSpan.FromTicks(oldest + _spacingTicks - nowTicks);
                return false;
            }

            _grantedTicks[_oldest] = nowTicks;
            _oldest = (_oldest + 1) % _grantedTicks.Length;
            Interlocked.Exchange(ref _lastGrantTimestamp, _time.GetTimestamp());
            wait = TimeSpan.Zero;
            return true;
        }
    }

    private int FreePermits(long nowTicks)
    {
        lock (_gate)
        {
            return _grantedTicks.Count(t => t == long.MinValue || t + _spacingTicks <= nowTicks);
        }
    }

    private static void CheckPermitCount(int permitCount)
    {
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "One permit per request.");
        }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Rejected = new(false);

        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
