namespace CrmSync.Pipeline.Reading;

/// <summary>One row of meta.dead_letter.</summary>
public sealed record DeadLetter(
    string System,
    string OutboxId,
    string UnifiedContactId,
    string? TargetId,
    string? Operation,
    string? Payload,
    string? Error,
    string? ErrorCode,
    int Attempts,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset LastFailedAt,
    string Status,
    string? Resolution,
    DateTimeOffset? ResolvedAt);
