namespace CrmSync.Connectors.Common;

/// <summary>
/// Base of every failure a CRM client raises. Carries the system, the endpoint (path, never a
/// secret), the HTTP status and the service's error code, in the style of Azure's RequestFailedException.
/// </summary>
public class CrmApiException : Exception
{
    public CrmApiException(string system, string endpoint, int? status, string? errorCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        System = system;
        Endpoint = endpoint;
        Status = status;
        ErrorCode = errorCode;
    }

    public string System { get; }
    public string Endpoint { get; }
    public int? Status { get; }
    public string? ErrorCode { get; }
}

/// <summary>Authentication failed (bad token, bad client credentials, 401 after a refresh).</summary>
public sealed class CrmAuthenticationException(string system, string endpoint, int? status, string? errorCode, string message, Exception? inner = null)
    : CrmApiException(system, endpoint, status, errorCode, message, inner);

/// <summary>A quota that does not reset soon (e.g. HubSpot DAILY) is exhausted: stop the stage cleanly, leave work pending.</summary>
public sealed class CrmQuotaExhaustedException(string system, string endpoint, int? status, string? errorCode, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : CrmApiException(system, endpoint, status, errorCode, message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Transient failures (429, 5xx, timeouts, dropped connections) still failing after every allowed retry.</summary>
public sealed class CrmTransientException(string system, string endpoint, int? status, string? errorCode, string message, Exception? inner = null)
    : CrmApiException(system, endpoint, status, errorCode, message, inner);

/// <summary>The service answered with something that is not the documented shape (bad JSON, missing fields, an HTML page).</summary>
public sealed class CrmMalformedResponseException(string system, string endpoint, int? status, string message, Exception? inner = null)
    : CrmApiException(system, endpoint, status, "MALFORMED_RESPONSE", message, inner);

/// <summary>The request itself was rejected (4xx other than 401/429) for a non-record reason, e.g. a bad filter.</summary>
public sealed class CrmRequestRejectedException(string system, string endpoint, int? status, string? errorCode, string message, Exception? inner = null)
    : CrmApiException(system, endpoint, status, errorCode, message, inner);
