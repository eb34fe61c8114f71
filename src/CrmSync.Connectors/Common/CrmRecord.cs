namespace CrmSync.Connectors.Common;

/// <summary>
/// One contact as a CRM returned it: plain values keyed by the CRM's own property or attribute
/// name, plus the raw JSON for bronze. Connectors know nothing of tables or unified fields.
/// </summary>
/// <param name="Id">The CRM's id (HubSpot object id, Dynamics contactid).</param>
/// <param name="ModifiedAt">lastmodifieddate / modifiedon, UTC.</param>
/// <param name="IsDeleted">True for an archived (HubSpot) or deleted (Dynamics change tracking) record.</param>
/// <param name="Properties">Values as the API returned them, as invariant strings; null when empty.</param>
/// <param name="RawJson">The record's JSON exactly as received.</param>
public sealed record CrmRecord(
    string Id,
    DateTimeOffset ModifiedAt,
    bool IsDeleted,
    IReadOnlyDictionary<string, string?> Properties,
    string RawJson);
