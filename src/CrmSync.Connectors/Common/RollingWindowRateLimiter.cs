using System.Threading.RateLimiting;

namespace CrmSync.Connectors.Common;

/// <summary>
/// Client twin of a service's rolling window ("at most N requests in any window W"). Each permit
/// occupies one of N slots while its request is in flight and is stamped when the lease is released,
/// i.e. after the response arrived and so after the service counted the request. A slot is reused
/// only once its stamp is a full window (+ optional margin) old, which keeps the service's count
/// within budget whatever the network latency, while losing only about one round trip per window.
/// Waiters are served in arrival order. No internal timer: every wait runs on the TimeProvider, so
/// a FakeTimeProvider drives it in tests.
/// </summary>
public sealed class RollingWindowRateLimiter : RateLimiter
{
    private const long InFlight = long.MaxValue;

    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private readonly long[] _slots;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private TaskCompletionSource _released = NewSignal();
    private long _lastGrantTimestamp;

    public RollingWindowRateLimiter(RateLimitOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _time = time;
        _windowTicks = (options.Window + options.SafetyMargin).Ticks;
        _slots = new long[options.PermitLimit];
        Array.Fill(_slots, long.MinValue);
        _lastGrantTimestamp = time.GetTimestamp();
    }

    public override TimeSpan? IdleDuration => _time.GetElapsedTime(Interlocked.Read(ref _lastGrantTimestamp));

    public override RateLimiterStatistics? GetStatistics()
    {
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _slots.Count(stamp => IsFree(stamp, now)),
                CurrentQueuedCount = _turn.CurrentCount == 0 ? 1 : 0,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermitCount(permitCount);
        if (!_turn.Wait(0))
        {
            return Lease.Rejected;
        }

        try
        {
            return TryGrant(out _, out _) ?? (RateLimitLease)Lease.Rejected;
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
            while (true)
            {
                if (TryGrant(out var wait, out var released) is { } lease)
                {
                    return lease;
                }

                // Every slot is in flight: wait for a release. Otherwise wait until the oldest stamp leaves the window.
                await (wait is { } delay ? Task.Delay(delay, _time, cancellationToken) : released.WaitAsync(cancellationToken)).ConfigureAwait(false);
            }
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

    private Lease? TryGrant(out TimeSpan? wait, out Task released)
    {
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            released = _released.Task;
            var oldest = 0;
            for (var i = 1; i < _slots.Length; i++)
            {
                if (_slots[i] < _slots[oldest])
                {
                    oldest = i;
                }
            }

            var stamp = _slots[oldest];
            if (!IsFree(stamp, now))
            {
                wait = stamp == InFlight ? null : TimeSpan.FromTicks(stamp + _windowTicks - now);
                return null;
            }

            _slots[oldest] = InFlight;
            Interlocked.Exchange(ref _lastGrantTimestamp, _time.GetTimestamp());
            wait = TimeSpan.Zero;
            return new Lease(this, oldest);
        }
    }

    private void Release(int slot)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            _slots[slot] = _time.GetUtcNow().UtcTicks;
            signal = _released;
            _released = NewSignal();
        }

        signal.TrySetResult();
    }

    private bool IsFree(long stamp, long now) => stamp == long.MinValue || (stamp != InFlight && stamp + _windowTicks <= now);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void CheckPermitCount(int permitCount)
    {
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "One permit per request.");
        }
    }

    private sealed class Lease : RateLimitLease
    {
        public static readonly Lease Rejected = new(null, -1);

        private readonly RollingWindowRateLimiter? _owner;
        private readonly int _slot;
        private int _released;

        public Lease(RollingWindowRateLimiter? owner, int slot)
        {
            _owner = owner;
            _slot = slot;
        }

        public override bool IsAcquired => _owner is not null;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _owner is not null && Interlocked.Exchange(ref _released, 1) == 0)
            {
                _owner.Release(_slot);
            }

            base.Dispose(disposing);
        }
    }
}
