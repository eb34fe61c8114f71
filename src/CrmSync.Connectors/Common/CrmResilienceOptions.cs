using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RestSharp;

namespace CrmSync.Connectors.Common;

/// <summary>What a client's resilience pipeline is made of; the service-specific parts are delegates.</summary>
public sealed class CrmResilienceOptions
{
    public required RetryOptions Retry { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Each attempt takes one permit from every limiter, in order (e.g. overall budget, then search budget).</summary>
    public IReadOnlyList<RateLimiter> RateLimiters { get; init; } = [];

    /// <summary>Whether a response is worth retrying. Default: 429, 5xx, 408 and transport failures.</summary>
    public Func<RestResponse, bool> IsTransient { get; init; } = TransientResponses.IsTransient;

    /// <summary>Wait before retry <c>attempt</c> (1-based) after a 429 that carried no Retry-After; null = exponential backoff.</summary>
    public Func<RestResponse, int, TimeSpan?>? ThrottleDelay { get; init; }

    public ILogger Logger { get; init; } = NullLogger.Instance;
}
