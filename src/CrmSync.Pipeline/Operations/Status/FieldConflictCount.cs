namespace CrmSync.Pipeline.Operations.Status;

/// <summary>Open manual conflicts (silver.field_conflicts) on one unified field.</summary>
public sealed record FieldConflictCount(string Field, long Open);
