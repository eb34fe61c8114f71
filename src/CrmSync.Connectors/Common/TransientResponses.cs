using System.Net;
using RestSharp;

namespace CrmSync.Connectors.Common;

/// <summary>The default answer to "would the same request succeed later?".</summary>
public static class TransientResponses
{
    public static bool IsTransient(RestResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsAnswered())
        {
            // No HTTP answer: refused or dropped connection, DNS, TLS.
            return true;
        }

        var status = (int)response.StatusCode;
        return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500;
    }
}
