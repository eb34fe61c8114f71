namespace CrmSync.Connectors.Common;

/// <summary>
/// What one HTTP call did, for the audit log. Never carries tokens, secrets or field values.
/// </summary>
/// <param name="System">"hubspot" or "dynamics".</param>
/// <param name="Operation">Logical operation, e.g. "search", "batch_update", "batch", "token".</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path without query secrets (no host, no token).</param>
/// <param name="Status">HTTP status, or null when no response arrived (timeout, dropped connection).</param>
/// <param name="Records">Records read or sent by the call.</param>
/// <param name="Latency">Wall time of the call.</param>
/// <param name="Attempt">1 for the first try, 2.. for retries.</param>
/// <param name="CorrelationId">Request id from the service (or generated) to find the call on both sides.</param>
/// <param name="ErrorCode">The service's error code or category when the call failed.</param>
public sealed record ApiCallReport(
    string System,
    string Operation,
    string Method,
    string Path,
    int? Status,
    int Records,
    TimeSpan Latency,
    int Attempt,
    string CorrelationId,
    string? ErrorCode);
