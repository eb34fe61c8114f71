using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RestSharp;

namespace CrmSync.Connectors.Common;

/// <summary>
/// Builds the per-call Polly pipeline shared by the CRM clients, outermost first:
/// retry (exponential backoff with jitter; Retry-After or the service's throttle policy for 429)
/// -> rate limiters (every attempt takes a permit) -> per-attempt timeout.
/// Every wait runs on the configured TimeProvider, so a FakeTimeProvider makes tests instant.
/// </summary>
public static class CrmResiliencePipeline
{
    public static ResiliencePipeline<RestResponse> Create(CrmResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Validate();
        var retry = options.Retry;
        var builder = new ResiliencePipelineBuilder<RestResponse> { TimeProvider = options.TimeProvider };

        if (retry.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<RestResponse>
            {
                MaxRetryAttempts = retry.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                UseJitter = retry.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: TimeoutRejectedException or HttpRequestException or IOException } => true,
                    { Result: { } response } => options.IsTransient(response),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(DelayFor(args.Outcome.Result, args.AttemptNumber + 1, options)),
                OnRetry = args =>
                {
                    options.Logger.RetryScheduled(
                        args.AttemptNumber + 1,
                        args.RetryDelay,
                        args.Outcome.Result is { } r && r.IsAnswered() ? (int)r.StatusCode : null,
                        args.Outcome.Exception?.GetType().Name);
                    return ValueTask.CompletedTask;
                },
            });
        }

        foreach (var limiter in options.RateLimiters)
        {
            builder.AddRateLimiter(limiter);
        }

        builder.AddTimeout(retry.AttemptTimeout);
        return builder.Build();
    }

    private static TimeSpan? DelayFor(RestResponse? response, int attempt, CrmResilienceOptions options)
    {
        if (response is null)
        {
            return null;
        }

        var delay = RetryAfterHeader.Read(response, options.TimeProvider);
        if (delay is null && response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            delay = options.ThrottleDelay?.Invoke(response, attempt);
        }

        return delay is { } d && d > options.Retry.MaxDelay ? options.Retry.MaxDelay : delay;
    }
}
