using CrmSync.Core.Contacts;

namespace CrmSync.Core.Survivorship;

/// <summary>The unified contact and the manual conflicts left open for it.</summary>
public sealed record SurvivorshipResult(UnifiedContact Contact, IReadOnlyList<FieldConflict> Conflicts);
