using System.Globalization;
using CrmSync.Sandbox.Common;
using Microsoft.AspNetCore.Http;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>HubSpot's wording of injected faults: 500 INTERNAL_ERROR and a TEN_SECONDLY_ROLLING 429.</summary>
internal sealed class HubSpotErrorResponses(bool sendRetryAfter) : IServiceErrorResponses
{
    public Task WriteServerErrorAsync(HttpContext context) =>
        HubSpotHttp.WriteErrorAsync(context, 500, "INTERNAL_ERROR", "internal error");

    public Task WriteRateLimitedAsync(HttpContext context, TimeSpan retryAfter) =>
        WriteRateLimitedAsync(context, "TEN_SECONDLY_ROLLING", retryAfter, sendRetryAfter);

    /// <summary>The 429 body seen from HubSpot (errorType RATE_LIMIT, policyName) plus the documented category.</summary>
    public static Task WriteRateLimitedAsync(HttpContext context, string policyName, TimeSpan retryAfter, bool sendRetryAfter)
    {
        if (sendRetryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return HubSpotHttp.WriteErrorAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "RATE_LIMITS",
            $"You have reached your {policyName.ToLowerInvariant()} limit.",
            w =>
            {
                w.WriteString("errorType", "RATE_LIMIT");
                w.WriteString("policyName", policyName);
                w.WriteString("groupName", "publicapi:private-app-api-calls:" + policyName.ToLowerInvariant());
            });
    }
}
