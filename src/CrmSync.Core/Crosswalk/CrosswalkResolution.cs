using CrmSync.Core.Contacts;

namespace CrmSync.Core.Crosswalk;

/// <summary>
/// What changes in the crosswalk for one batch of changed records. Every input record lands in
/// exactly one place: a new link, an updated link, a conflict, or nowhere (already linked and
/// unchanged, or deleted without ever being linked). Conflicts replace earlier conflicts of the
/// same records; records of the batch absent from <see cref="Conflicts"/> have none any more.
/// </summary>
/// <param name="StartedPeople">The records of <paramref name="NewLinks"/> that started a new person (its id is minted
/// from their key); the other new links joined a person by email.</param>
public sealed record CrosswalkResolution(
    IReadOnlyList<CrosswalkLink> NewLinks,
    IReadOnlyList<CrosswalkLink> UpdatedLinks,
    IReadOnlyList<CrosswalkConflict> Conflicts,
    IReadOnlySet<SourceKey> StartedPeople);
