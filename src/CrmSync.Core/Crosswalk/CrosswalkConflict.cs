using CrmSync.Core.Contacts;

namespace CrmSync.Core.Crosswalk;

/// <summary>
/// A record left unlinked (silver crosswalk_conflicts grain: one row per CRM record). It is never
/// pushed, and the people it relates to get no CREATE while it stands (that would add a duplicate).
/// </summary>
/// <param name="Record">The unlinked record.</param>
/// <param name="Email">Its normalized email.</param>
/// <param name="Reason">Machine-readable reason.</param>
/// <param name="Message">What happened and what a person can do about it.</param>
/// <param name="RelatedUnifiedContactIds">People holding the same email, when any.</param>
public sealed record CrosswalkConflict(
    SourceKey Record,
    string? Email,
    CrosswalkConflictReason Reason,
    string Message,
    IReadOnlyList<string> RelatedUnifiedContactIds);
