using CrmSync.Core.Contacts;

namespace CrmSync.Core.Crosswalk;

/// <summary>
/// One source record linked to a person (silver crosswalk grain: one row per CRM record).
/// A link never moves to another unified contact once made.
/// </summary>
/// <param name="UnifiedContactId">The person.</param>
/// <param name="System">The record's CRM.</param>
/// <param name="SourceId">The record's id in that CRM.</param>
/// <param name="Email">The normalized email the record holds now; null when it has none or is deleted
/// (then nobody links to it by email).</param>
/// <param name="LinkedAt">When the link was made.</param>
public sealed record CrosswalkLink(
    string UnifiedContactId,
    SourceSystem System,
    string SourceId,
    string? Email,
    DateTimeOffset LinkedAt)
{
    public SourceKey Key => new(System, SourceId);
}
