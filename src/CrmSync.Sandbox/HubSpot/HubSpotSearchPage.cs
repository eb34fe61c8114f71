namespace CrmSync.Sandbox.HubSpot;

/// <summary>One page of search or list results, or the error that replaced it.</summary>
internal sealed record HubSpotSearchPage(
    IReadOnlyList<HubSpotContactRow> Results,
    int Total,
    string? NextAfter,
    HubSpotInputError? Error = null);
