namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// One contact to write. Send only the changed columns: Dataverse fires plug-ins and audit for every
/// column sent. Values: string, int (picklist code), a picklist label (mapped to its code), bool,
/// Guid for a configured lookup's read attribute (e.g. "_parentcustomerid_value"), or null to clear.
/// </summary>
/// <param name="InputKey">Echoed in the result (e.g. the outbox idempotency key).</param>
/// <param name="ContactId">The row to update, or the id to create with: a deterministic one (the pipeline's is a UUID v5
/// of the person), so a retried create finds its own row.</param>
/// <param name="IsCreate">True: create only (If-None-Match: *), a retry finding it already there is a success.
/// False: update only (If-Match: *), 404 when the row is gone.</param>
public sealed record DynamicsContactWrite(
    string InputKey,
    Guid ContactId,
    bool IsCreate,
    IReadOnlyDictionary<string, object?> Fields);
