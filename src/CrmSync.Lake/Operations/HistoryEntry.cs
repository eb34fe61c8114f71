namespace CrmSync.Lake.Operations;

/// <summary>One commit of the table history (from its commitInfo).</summary>
public sealed record HistoryEntry(
    long Version,
    DateTimeOffset Timestamp,
    string? Operation,
    IReadOnlyDictionary<string, string> OperationParameters,
    IReadOnlyDictionary<string, string> OperationMetrics,
    string? EngineInfo,
    string? UserMetadata);
