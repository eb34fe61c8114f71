using Microsoft.Extensions.Logging;

namespace CrmSync.Connectors.Dynamics;

/// <summary>Log lines of the Dynamics client. They name endpoints and codes, never tokens or field values.</summary>
internal static partial class DynamicsLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning,
        Message = "Dynamics change-tracking delta token was rejected ({ErrorCode}: {Reason}); performing a full read of contacts instead")]
    public static partial void DeltaTokenExpired(this ILogger logger, string? errorCode, string? reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Dynamics returned 401 for {Endpoint}; fetching a new access token and trying once more")]
    public static partial void TokenRejected(this ILogger logger, string endpoint);
}
