namespace CrmSync.Core.Contacts;

/// <summary>
/// One version of a contact as a CRM returned it (bronze grain: one row per record per read).
/// </summary>
/// <param name="System">The CRM it came from.</param>
/// <param name="Id">HubSpot object id or Dynamics contactid.</param>
/// <param name="UpdatedAt">lastmodifieddate / modifiedon.</param>
/// <param name="IsDeleted">Archived in HubSpot, deleted in Dynamics.</param>
/// <param name="Values">Raw values keyed by CRM property/attribute name (lookups as _x_value). A key
/// that is absent was not read; a key with null was read as empty.</param>
public sealed record SourceContact(
    SourceSystem System,
    string Id,
    DateTimeOffset UpdatedAt,
    bool IsDeleted,
    IReadOnlyDictionary<string, string?> Values)
{
    /// <summary>createdate / createdon when known; used by the oldest_created duplicate rule.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    public SourceKey Key => new(System, Id);
}
