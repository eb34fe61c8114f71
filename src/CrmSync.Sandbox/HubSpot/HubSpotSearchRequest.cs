namespace CrmSync.Sandbox.HubSpot;

/// <summary>A parsed search body: OR of filter groups (each an AND of filters), one sort, paging.</summary>
internal sealed record HubSpotSearchRequest(
    IReadOnlyList<IReadOnlyList<HubSpotSearchFilter>> FilterGroups,
    string? SortProperty,
    bool SortDescending,
    IReadOnlyList<string> Properties,
    int Limit,
    string? After,
    string? Query);
