namespace CrmSync.Connectors.HubSpot;

/// <summary>One contact to write.</summary>
/// <param name="InputKey">The caller's key, echoed in the <see cref="Common.RecordWriteResult"/> (e.g. the outbox idempotency key).</param>
/// <param name="Id">The HubSpot id (update), the idProperty value (upsert), or null (create).</param>
/// <param name="Properties">Values to set; null clears a value.</param>
public sealed record HubSpotWriteInput(string InputKey, string? Id, IReadOnlyDictionary<string, string?> Properties);
