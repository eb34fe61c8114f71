using Microsoft.AspNetCore.Http;

namespace CrmSync.Sandbox.Common;

/// <summary>
/// Fault knobs of an emulator, settable per test and deterministic: either "fail the next N calls"
/// (optionally only on paths containing a fragment) or rates drawn from a seeded RNG. Latency is
/// waited on the emulator's TimeProvider, so a fake clock controls it too.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<PendingFault> _pending = [];
    private readonly TimeProvider _time;
    private Random _random;

    public FaultInjector(TimeProvider time, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _random = new Random(seed);
    }

    /// <summary>Added before every served request.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Probability of a 500 per request.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Probability of an aborted connection per request.</summary>
    public double DropConnectionRate { get; set; }

    /// <summary>Probability of a malformed (truncated JSON) response per request.</summary>
    public double MalformedRate { get; set; }

    /// <summary>Retry-After announced by injected 429s.</summary>
    public TimeSpan RateLimitedRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The next <paramref name="count"/> requests (whose path contains <paramref name="pathContains"/>, if given) fail with <paramref name="kind"/>.</summary>
    public void FailNext(int count, FaultKind kind, string? pathContains = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _pending.Add(new PendingFault(kind, pathContains, count));
        }
    }

    /// <summary>Faults queued by <see cref="FailNext"/> and not yet served.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Sum(p => p.Remaining);
            }
        }
    }

    /// <summary>Back to a healthy service with a fresh RNG.</summary>
    public void Reset(int seed = 1)
    {
        lock (_gate)
        {
            _pending.Clear();
            _random = new Random(seed);
            Latency = TimeSpan.Zero;
            ServerErrorRate = DropConnectionRate = MalformedRate = 0;
        }
    }

    /// <summary>Applies latency and any due fault. Returns true when the fault answered the request.</summary>
    internal async Task<bool> ApplyAsync(HttpContext context, IServiceErrorResponses responses)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, _time, context.RequestAborted).ConfigureAwait(false);
        }

        var fault = NextFault(context.Request.Path.Value ?? "");
        switch (fault)
        {
            case null:
                return false;
            case FaultKind.ServerError:
                await responses.WriteServerErrorAsync(context).ConfigureAwait(false);
                return true;
            case FaultKind.DropConnection:
                context.Abort();
                return true;
            case FaultKind.RateLimited:
                await responses.WriteRateLimitedAsync(context, RateLimitedRetryAfter).ConfigureAwait(false);
                return true;
            case FaultKind.HtmlPage:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<!DOCTYPE html><html><body><h1>Service Unavailable</h1><p>Please sign in.</p></body></html>", context.RequestAborted).ConfigureAwait(false);
                return true;
            case FaultKind.TruncatedJson:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync("{\"results\":[{\"id\":\"1\",\"properties\":{\"email\":\"trunc", context.RequestAborted).ConfigureAwait(false);
                return true;
            case FaultKind.MissingFields:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync("{\"unexpected\":true}", context.RequestAborted).ConfigureAwait(false);
                return true;
            case FaultKind.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, context.RequestAborted).ConfigureAwait(false);
                return true;
            default:
                throw new InvalidOperationException($"Unknown fault kind {fault}.");
        }
    }

    private FaultKind? NextFault(string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _pending.Count; i++)
            {
                var pending = _pending[i];
                if (pending.PathContains is null || path.Contains(pending.PathContains, StringComparison.OrdinalIgnoreCase))
                {
                    pending.Remaining--;
                    if (pending.Remaining == 0)
                    {
                        _pending.RemoveAt(i);
                    }

                    return pending.Kind;
                }
            }

            if (ServerErrorRate > 0 && _random.NextDouble() < ServerErrorRate)
            {
                return FaultKind.ServerError;
            }

            if (DropConnectionRate > 0 && _random.NextDouble() < DropConnectionRate)
            {
                return FaultKind.DropConnection;
            }

            if (MalformedRate > 0 && _random.NextDouble() < MalformedRate)
            {
                return FaultKind.TruncatedJson;
            }

            return null;
        }
    }

    private sealed class PendingFault(FaultKind kind, string? pathContains, int remaining)
    {
        public FaultKind Kind { get; } = kind;

        public string? PathContains { get; } = pathContains;

        public int Remaining { get; set; } = remaining;
    }
}
