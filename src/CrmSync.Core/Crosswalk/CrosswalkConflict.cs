using CrmSync.Core.Contacts;

namespace CrmSync.Core.Crosswalk;

/// <summary>
/// A record left unlinked (silver crosswalk_conflicts grain: one row per CRM record). It is never
/// pushed. The pipeline should pass open conflicts' records back into each run so they link once fixed.
/// </summary>
/// <param name="Record">The unlinked record.</param>
/// <param name="Email">Its normalized email.</param>
/// <param name="Reason">Machine-readable reason.</param>
/// <param name="Message">What happened and what a person can do about it.</param>
/// <param name="RelatedUnifiedContactIds">People holding the same email (including the one its duplicate was linked to).</param>
public sealed record CrosswalkConflict(
    SourceKey Record,
    string? Email,
    CrosswalkConflictReason Reason,
    string Message,
    IReadOnlyList<string> RelatedUnifiedContactIds)
{
    /// <summary>
    /// True when creating any related person in the record's CRM would add yet another record with
    /// this email (several people hold it): the pipeline passes hasCrosswalkConflict for them.
    /// A plain duplicate blocks nothing: its person is still one person to create elsewhere.
    /// </summary>
    public bool BlocksCreates => Reason == CrosswalkConflictReason.AmbiguousEmail;
}
