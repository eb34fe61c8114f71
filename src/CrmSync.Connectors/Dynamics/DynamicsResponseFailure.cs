using CrmSync.Connectors.Common;
using RestSharp;

namespace CrmSync.Connectors.Dynamics;

/// <summary>Turns a failed final response into the exception for its kind, with the service's code and message.</summary>
internal static class DynamicsResponseFailure
{
    public static void ThrowIfFailed(ApiCall call, RestResponse response)
    {
        if (response.IsSuccessful) return;
        var status = (int)response.StatusCode;
        var error = DynamicsServiceError.Read(response.RawBytes);
        var message = $"{DynamicsClient.System} {call.Endpoint} failed with HTTP {status} ({error.Code ?? "no error code"}): {error.Message ?? "no error message"}";
        throw status switch
        {
            401 or 403 => new CrmAuthenticationException(DynamicsClient.System, call.Endpoint, status, error.Code, message),
            429 or 408 or >= 500 => new CrmTransientException(DynamicsClient.System, call.Endpoint, status, error.Code, message),
            _ => (CrmApiException)new CrmRequestRejectedException(DynamicsClient.System, call.Endpoint, status, error.Code, message),
        };
    }
}
