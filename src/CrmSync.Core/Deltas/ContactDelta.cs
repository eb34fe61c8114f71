namespace CrmSync.Core.Deltas;

/// <summary>The pushes one person needs (at most one per CRM) and the fields that could not be pushed.</summary>
public sealed record ContactDelta(IReadOnlyList<OutboxEntry> Entries, IReadOnlyList<DeltaIssue> Issues);
