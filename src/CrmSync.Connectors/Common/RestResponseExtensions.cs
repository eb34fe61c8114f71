using RestSharp;

namespace CrmSync.Connectors.Common;

/// <summary>Reading RestSharp responses the same way everywhere.</summary>
public static class RestResponseExtensions
{
    /// <summary>
    /// True when the service sent an HTTP status, whatever it was. RestSharp marks non-2xx answers as
    /// <see cref="ResponseStatus.Error"/> too, so the status code, not ResponseStatus, tells a 500 from a dropped connection.
    /// </summary>
    public static bool IsAnswered(this RestResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.StatusCode != 0;
    }
}
