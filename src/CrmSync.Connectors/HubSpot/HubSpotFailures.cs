using System.Globalization;
using System.Net;
using CrmSync.Connectors.Common;
using RestSharp;

namespace CrmSync.Connectors.HubSpot;

/// <summary>Turns a final non-success response into the matching <see cref="CrmApiException"/>, naming the endpoint and HubSpot's message.</summary>
internal static class HubSpotFailures
{
    public const string System = "hubspot";

    public static CrmApiException For(ApiCall call, RestResponse response)
    {
        var status = (int)response.StatusCode;
        var body = HubSpotErrorBody.From(response);
        var detail = body.Message ?? (response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? "no message" : $"non-JSON body ({response.ContentType ?? "no content type"})");
        var message = string.Create(CultureInfo.InvariantCulture, $"HubSpot {call.Endpoint} failed with HTTP {status} {body.Code ?? ""}: {detail}");

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new CrmAuthenticationException(System, call.Endpoint, status, body.Category ?? "INVALID_AUTHENTICATION", message),
            HttpStatusCode.TooManyRequests when body.PolicyName == HubSpotErrorBody.DailyPolicy =>
                new CrmQuotaExhaustedException(System, call.Endpoint, status, body.PolicyName, message + " The DAILY quota resets at midnight; the rest stays pending."),
            HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => new CrmTransientException(System, call.Endpoint, status, body.Code, message + " (still failing after every retry)"),
            _ when status >= 500 => new CrmTransientException(System, call.Endpoint, status, body.Code, message + " (still failing after every retry)"),
            _ => new CrmRequestRejectedException(System, call.Endpoint, status, body.Code, message),
        };
    }

    /// <summary>Whole-request failures that must stop the caller rather than fail the inputs one by one.</summary>
    public static bool StopsTheStage(RestResponse response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
        || (int)response.StatusCode >= 500;
}
