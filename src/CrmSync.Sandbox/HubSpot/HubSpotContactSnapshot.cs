namespace CrmSync.Sandbox.HubSpot;

/// <summary>A contact as stored, for tests and the demo. Properties include createdate, lastmodifieddate and hs_object_id.</summary>
public sealed record HubSpotContactSnapshot(
    long Id,
    IReadOnlyDictionary<string, string?> Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Archived,
    DateTimeOffset? ArchivedAt);
