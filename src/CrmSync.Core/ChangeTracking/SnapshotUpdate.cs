using CrmSync.Core.Contacts;

namespace CrmSync.Core.ChangeTracking;

/// <summary>The result of applying one source version to a record's snapshot.</summary>
/// <param name="Snapshot">The new snapshot (the previous one, unchanged, when the version is stale).</param>
/// <param name="ChangedFields">Unified names whose normalized value changed (all non-empty fields on first sight).</param>
/// <param name="Issues">Values that could not be read as their type.</param>
/// <param name="IsStale">The version is older than the snapshot (an out-of-order or re-read page) and was ignored.</param>
public sealed record SnapshotUpdate(
    ContactSnapshot Snapshot,
    IReadOnlyList<string> ChangedFields,
    IReadOnlyList<FieldValueIssue> Issues,
    bool IsStale)
{
    /// <summary>True when anything downstream must be recomputed for this record.</summary>
    public bool IsChanged(ContactSnapshot? previous) =>
        !IsStale && (previous is null || ChangedFields.Count > 0 || previous.IsDeleted != Snapshot.IsDeleted);
}
