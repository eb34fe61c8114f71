using Microsoft.Extensions.Logging;

namespace CrmSync.Connectors.Common;

/// <summary>Source-generated log messages of the connectors. They carry paths and statuses, never tokens or values.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Retrying (attempt {Attempt}) in {Delay} after status {Status} / {Exception}")]
    public static partial void RetryScheduled(this ILogger logger, int attempt, TimeSpan delay, int? status, string? exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{System} {Method} {Path} -> {Status} in {Latency} (attempt {Attempt}, correlation {CorrelationId})")]
    public static partial void CallCompleted(this ILogger logger, string system, string method, string path, int? status, TimeSpan latency, int attempt, string correlationId);
}
