using System.Globalization;
using CrmSync.Sandbox.Common;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// Dataverse service protection limits per user, over a sliding window (default 5 minutes): number
/// of requests (6,000; a $batch counts once), combined execution time (1,200 s; simulated as a fixed
/// cost per operation so it is deterministic under a fake clock) and concurrent requests (52; over
/// that fails at once). Over a limit: 429 with Retry-After in whole seconds and the service's code.
/// </summary>
public sealed class DynamicsServiceProtection
{
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Queue<(long Ticks, TimeSpan Cost)> _executions = new();
    private RollingWindowLimiter _requests;
    private TimeSpan _executionInWindow;
    private int _inFlight;
    private int _rejections;

    internal DynamicsServiceProtection(TimeProvider clock)
    {
        _clock = clock;
        _requests = new RollingWindowLimiter(RequestsPerWindow, Window, clock);
    }

    /// <summary>Off = no limit is enforced (benchmarks of the client's own limiter turn it on).</summary>
    public bool Enabled { get; set; } = true;

    public int RequestsPerWindow { get; private set; } = 6000;

    public TimeSpan Window { get; private set; } = TimeSpan.FromMinutes(5);

    public TimeSpan ExecutionTimePerWindow { get; set; } = TimeSpan.FromSeconds(1200);

    /// <summary>Simulated server time one operation costs (a $batch costs one per part).</summary>
    public TimeSpan ExecutionTimePerOperation { get; set; } = TimeSpan.FromMilliseconds(2);

    public int MaxConcurrentRequests { get; set; } = 52;

    /// <summary>Requests rejected with 429 so far (benchmarks assert zero).</summary>
    public int Rejections => Volatile.Read(ref _rejections);

    /// <summary>Requests admitted and still being served (what <see cref="MaxConcurrentRequests"/> caps).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public void Configure(int requestsPerWindow, TimeSpan window)
    {
        lock (_gate)
        {
            RequestsPerWindow = requestsPerWindow;
            Window = window;
            _requests = new RollingWindowLimiter(requestsPerWindow, window, _clock);
            _executions.Clear();
            _executionInWindow = TimeSpan.Zero;
        }
    }

    /// <summary>Admits a request or returns the 429 to send; call <see cref="Complete"/> after an admitted one.</summary>
    internal DynamicsServiceException? TryAdmit(out IReadOnlyDictionary<string, string> headers, out TimeSpan retryAfter)
    {
        headers = new Dictionary<string, string>();
        retryAfter = TimeSpan.Zero;
        var inFlight = Interlocked.Increment(ref _inFlight);
        if (!Enabled) return null;
        if (inFlight > MaxConcurrentRequests)
        {
            Interlocked.Decrement(ref _inFlight);
            retryAfter = TimeSpan.FromSeconds(1);
            return Reject(DynamicsErrorCodes.ConcurrencyLimitExceeded,
                $"Number of concurrent requests exceeded the limit of {MaxConcurrentRequests}.");
        }
        lock (_gate)
        {
            var now = _clock.GetUtcNow().UtcTicks;
            while (_executions.Count > 0 && _executions.Peek().Ticks + Window.Ticks <= now)
                _executionInWindow -= _executions.Dequeue().Cost;
            if (_executionInWindow >= ExecutionTimePerWindow)
            {
                Interlocked.Decrement(ref _inFlight);
                retryAfter = TimeSpan.FromTicks(_executions.Peek().Ticks + Window.Ticks - now);
                return Reject(DynamicsErrorCodes.ExecutionTimeLimitExceeded,
                    $"Combined execution time of incoming requests exceeded limit of {ExecutionTimePerWindow.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} milliseconds over time window of {Window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds.");
            }
            var decision = _requests.TryAcquire();
            if (!decision.Accepted)
            {
                Interlocked.Decrement(ref _inFlight);
                retryAfter = decision.RetryAfter;
                return Reject(DynamicsErrorCodes.RequestsLimitExceeded,
                    $"Number of requests exceeded the limit of {RequestsPerWindow} over time window of {Window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds.");
            }
            headers = new Dictionary<string, string>
            {
                ["x-ms-ratelimit-burst-remaining-xrm-requests"] = decision.Remaining.ToString(CultureInfo.InvariantCulture),
                ["x-ms-ratelimit-time-remaining-xrm-requests"] = (ExecutionTimePerWindow - _executionInWindow).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            };
            return null;
        }
    }

    /// <summary>Ends an admitted request that ran <paramref name="operations"/> operations.</summary>
    internal void Complete(int operations)
    {
        Interlocked.Decrement(ref _inFlight);
        if (!Enabled) return;
        var cost = ExecutionTimePerOperation * Math.Max(1, operations);
        lock (_gate)
        {
            _executions.Enqueue((_clock.GetUtcNow().UtcTicks, cost));
            _executionInWindow += cost;
        }
    }

    private DynamicsServiceException Reject(string code, string message)
    {
        Interlocked.Increment(ref _rejections);
        return new DynamicsServiceException(429, code, message);
    }
}
