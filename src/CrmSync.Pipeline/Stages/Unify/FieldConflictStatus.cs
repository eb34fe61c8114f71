namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>silver.field_conflicts.status values.</summary>
public static class FieldConflictStatus
{
    /// <summary>The CRMs disagree on a manual field and nobody has decided: nothing is pushed for it.</summary>
    public const string Open = "OPEN";

    /// <summary>The values agree again, or an override decides the field.</summary>
    public const string Resolved = "RESOLVED";

    public static IReadOnlyList<string> All { get; } = [Open, Resolved];
}
