using System.Net;
using CrmSync.Connectors.Common;
using RestSharp;

namespace CrmSync.Connectors.HubSpot;

/// <summary>
/// HubSpot's 429 policies: TEN_SECONDLY_ROLLING and the search SECONDLY limit are retried after
/// roughly 10 s (1 s) x attempt with jitter when no Retry-After is given; DAILY is not retried
/// (it resets hours later), so the stage stops with <see cref="CrmQuotaExhaustedException"/>.
/// </summary>
internal sealed class HubSpotThrottling(HubSpotClientOptions options)
{
    public static bool IsTransient(RestResponse response) =>
        TransientResponses.IsTransient(response)
        && !(response.StatusCode == HttpStatusCode.TooManyRequests && HubSpotErrorBody.From(response).PolicyName == HubSpotErrorBody.DailyPolicy);

    public TimeSpan? DelayAfter(RestResponse response, int attempt)
    {
        var unit = HubSpotErrorBody.From(response).PolicyName == HubSpotErrorBody.SecondlyPolicy
            ? options.SecondlyBackoff
            : options.TenSecondlyBackoff;
        var jitter = options.Retry.UseJitter ? 1 + (Random.Shared.NextDouble() * 0.2) : 1;
        return unit * attempt * jitter;
    }
}
