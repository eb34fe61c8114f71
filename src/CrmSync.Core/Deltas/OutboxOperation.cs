namespace CrmSync.Core.Deltas;

/// <summary>What a push does to the target record.</summary>
public enum OutboxOperation
{
    /// <summary>PATCH the changed fields of an existing record.</summary>
    Update,

    /// <summary>Create the person in a CRM where they have no record.</summary>
    Create,
}
