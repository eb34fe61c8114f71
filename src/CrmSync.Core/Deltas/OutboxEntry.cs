namespace CrmSync.Core.Deltas;

/// <summary>
/// One write to one target record (gold outbox grain: one row per target record per change; key
/// <see cref="IdempotencyKey"/>).
/// </summary>
/// <param name="Target">The CRM written to.</param>
/// <param name="UnifiedContactId">The person.</param>
/// <param name="TargetId">The record written: HubSpot id or Dynamics contactid; for a Dynamics CREATE
/// the deterministic contactid to upsert; null for a HubSpot CREATE (HubSpot assigns it).</param>
/// <param name="Operation">Update or Create.</param>
/// <param name="Payload">PATCH-ready JSON: HubSpot <c>{"id":..,"properties":{..}}</c> (no id on create);
/// Dynamics the attributes object (with <c>contactid</c> on create).</param>
/// <param name="Fields">Unified names of the fields written, in canonical order.</param>
/// <param name="IdempotencyKey">SHA-256 hex of target system, target id and payload: the same write always has the same key.</param>
public sealed record OutboxEntry(
    SourceSystem Target,
    string UnifiedContactId,
    string? TargetId,
    OutboxOperation Operation,
    string Payload,
    IReadOnlyList<string> Fields,
    string IdempotencyKey);
