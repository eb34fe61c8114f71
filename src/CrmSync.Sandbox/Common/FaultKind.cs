namespace CrmSync.Sandbox.Common;

/// <summary>A failure the emulator can inject instead of (or before) serving a request.</summary>
public enum FaultKind
{
    /// <summary>HTTP 500 with the service's error body.</summary>
    ServerError,

    /// <summary>The connection is aborted without a response.</summary>
    DropConnection,

    /// <summary>HTTP 429 with the service's rate-limit body and headers.</summary>
    RateLimited,

    /// <summary>HTTP 200 with an HTML page (a proxy or login page) instead of JSON.</summary>
    HtmlPage,

    /// <summary>HTTP 200, JSON content type, body cut off mid-document.</summary>
    TruncatedJson,

    /// <summary>HTTP 200 with valid JSON lacking every documented field.</summary>
    MissingFields,

    /// <summary>No answer until the client gives up (for timeout tests).</summary>
    Hang,
}
