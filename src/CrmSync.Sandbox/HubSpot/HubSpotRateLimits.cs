using System.Globalization;
using CrmSync.Sandbox.Common;
using Microsoft.AspNetCore.Http;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>
/// HubSpot's per-token limits: TEN_SECONDLY_ROLLING over every call, a stricter per-second limit on
/// search (which also counts towards the 10 s budget), and DAILY. Non-search responses carry the
/// X-HubSpot-RateLimit-* headers; search responses do not, as documented.
/// </summary>
public sealed class HubSpotRateLimits
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);
    private readonly RollingWindowLimiter _tenSecondly;
    private readonly RollingWindowLimiter _search;
    private readonly FixedWindowLimiter _daily;
    private long _rejected;

    internal HubSpotRateLimits(HubSpotEmulatorOptions options)
    {
        var time = options.TimeProvider;
        _tenSecondly = new RollingWindowLimiter(options.TenSecondlyLimit, TenSeconds, time);
        _search = new RollingWindowLimiter(options.SearchPerSecondLimit, TimeSpan.FromSeconds(1), time);
        _daily = new FixedWindowLimiter(options.DailyLimit, TimeSpan.FromDays(1), time);
        Enabled = options.LimitsEnabled;
        SendRetryAfter = options.SendRetryAfter;
    }

    /// <summary>False = limits are not enforced (no 429 for exceeding them).</summary>
    public bool Enabled { get; set; }

    public bool SendRetryAfter { get; set; }

    public int TenSecondlyLimit => _tenSecondly.Limit;

    public int SearchPerSecondLimit => _search.Limit;

    public int DailyLimit => _daily.Limit;

    /// <summary>429s served because a limit was exceeded (injected faults not included).</summary>
    public long RejectedCount => Interlocked.Read(ref _rejected);

    /// <summary>New budgets; counting starts afresh.</summary>
    public void Configure(int tenSecondly, int searchPerSecond, int daily)
    {
        _tenSecondly.Reconfigure(tenSecondly, TenSeconds);
        _search.Reconfigure(searchPerSecond, TimeSpan.FromSeconds(1));
        _daily.Reconfigure(daily, TimeSpan.FromDays(1));
        Interlocked.Exchange(ref _rejected, 0);
    }

    /// <summary>Counts the request against the limits; answers 429 and returns false when one is exceeded.</summary>
    internal async Task<bool> AdmitAsync(HttpContext context, bool isSearch)
    {
        if (!Enabled)
        {
            return true;
        }

        if (isSearch && _search.TryAcquire() is { Accepted: false } searchDecision)
        {
            return await RejectAsync(context, "SECONDLY", searchDecision.RetryAfter).ConfigureAwait(false);
        }

        var interval = _tenSecondly.TryAcquire();
        if (!interval.Accepted)
        {
            return await RejectAsync(context, "TEN_SECONDLY_ROLLING", interval.RetryAfter).ConfigureAwait(false);
        }

        var daily = _daily.TryAcquire();
        if (!daily.Accepted)
        {
            return await RejectAsync(context, "DAILY", daily.RetryAfter).ConfigureAwait(false);
        }

        if (!isSearch)
        {
            var headers = context.Response.Headers;
            headers["X-HubSpot-RateLimit-Daily"] = _daily.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Daily-Remaining"] = daily.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = "10000";
            headers["X-HubSpot-RateLimit-Max"] = _tenSecondly.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Remaining"] = interval.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Secondly"] = Math.Max(1, _tenSecondly.Limit / 10).ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Secondly-Remaining"] = Math.Min(interval.Remaining, Math.Max(1, _tenSecondly.Limit / 10)).ToString(CultureInfo.InvariantCulture);
        }

        return true;
    }

    private async Task<bool> RejectAsync(HttpContext context, string policyName, TimeSpan retryAfter)
    {
        Interlocked.Increment(ref _rejected);
        await HubSpotErrorResponses.WriteRateLimitedAsync(context, policyName, retryAfter, SendRetryAfter).ConfigureAwait(false);
        return false;
    }
}
