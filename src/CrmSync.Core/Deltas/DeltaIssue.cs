namespace CrmSync.Core.Deltas;

/// <summary>A field left out of a push because its value cannot be written to the target.</summary>
public sealed record DeltaIssue(string UnifiedContactId, SourceSystem Target, string Field, string Problem)
{
    public override string ToString() => $"{UnifiedContactId} -> {SourceSystemNames.Of(Target)} field {Field}: {Problem}";
}
