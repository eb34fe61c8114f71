namespace CrmSync.Sandbox.Dynamics;

/// <summary>The conditional-write headers of a PATCH, as Dataverse interprets them.</summary>
public enum DynamicsWriteCondition
{
    /// <summary>No header: PATCH is an upsert.</summary>
    Upsert,

    /// <summary>If-Match: * — update only; 404 when the row is missing.</summary>
    UpdateOnly,

    /// <summary>If-None-Match: * — create only; 412 when the row exists.</summary>
    CreateOnly,
}
