namespace CrmSync.Core.Contacts;

/// <summary>
/// One person as the sync sees them (silver unified grain: one row per unified_contact_id).
/// </summary>
/// <param name="UnifiedContactId">Stable id from the crosswalk.</param>
/// <param name="Fields">Surviving values keyed by unified field name (every mapped field present).</param>
/// <param name="HubSpotId">The linked HubSpot record, if any.</param>
/// <param name="DynamicsId">The linked Dynamics record, if any.</param>
/// <param name="IsDeleted">Every linked record is deleted.</param>
public sealed record UnifiedContact(
    string UnifiedContactId,
    IReadOnlyDictionary<string, UnifiedField> Fields,
    string? HubSpotId,
    string? DynamicsId,
    bool IsDeleted)
{
    public string? IdIn(SourceSystem system) => system == SourceSystem.HubSpot ? HubSpotId : DynamicsId;
}
