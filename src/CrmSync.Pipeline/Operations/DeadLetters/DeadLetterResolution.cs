namespace CrmSync.Pipeline.Operations.DeadLetters;

/// <summary>What one retry or discard did: the dead letters it resolved and the meta.audit_log run id recording it.</summary>
public sealed record DeadLetterResolution(IReadOnlyList<string> OutboxIds, string AuditRunId);
