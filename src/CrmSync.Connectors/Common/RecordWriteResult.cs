namespace CrmSync.Connectors.Common;

/// <summary>
/// The outcome of one input of a batch write. Every input of a batch ends with exactly one result.
/// </summary>
/// <param name="InputKey">The caller's key for the input (e.g. outbox idempotency key), echoed back.</param>
/// <param name="Succeeded">True when the CRM accepted the input.</param>
/// <param name="Id">The record id (the one the CRM assigned, for creates).</param>
/// <param name="Status">HTTP status of the input (from the 207 body or the $batch part).</param>
/// <param name="ErrorCode">The service's error code or category, e.g. VALIDATION_ERROR, 0x80040237.</param>
/// <param name="Message">The service's error message.</param>
/// <param name="Retryable">True when retrying the same input later may succeed (429, 5xx, timeouts).</param>
public sealed record RecordWriteResult(
    string InputKey,
    bool Succeeded,
    string? Id,
    int? Status,
    string? ErrorCode,
    string? Message,
    bool Retryable)
{
    public static RecordWriteResult Success(string inputKey, string id, int status) =>
        new(inputKey, true, id, status, null, null, false);

    public static RecordWriteResult Failure(string inputKey, string? id, int? status, string? errorCode, string? message, bool retryable) =>
        new(inputKey, false, id, status, errorCode, message, retryable);
}
