using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;

namespace CrmSync.Core.Crosswalk;

/// <summary>What the crosswalk needs to know about a changed source record.</summary>
/// <param name="Email">Normalized match-field value; null when empty.</param>
public sealed record CrosswalkCandidate(
    SourceKey Key,
    string? Email,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CreatedAt,
    bool IsDeleted)
{
    public static CrosswalkCandidate From(ContactSnapshot snapshot, FieldMappingSet mappings)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(mappings);
        return new(snapshot.Key, snapshot.ValueOf(mappings.MatchField.Name), snapshot.UpdatedAt, snapshot.CreatedAt, snapshot.IsDeleted);
    }
}
