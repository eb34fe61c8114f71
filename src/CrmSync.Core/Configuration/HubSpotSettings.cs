namespace CrmSync.Core.Configuration;

/// <summary>The hubspot: section of sources.yaml.</summary>
/// <param name="Properties">Properties to read as configured; null means derived from the mappings.</param>
/// <param name="BatchSize">Inputs per batch write (HubSpot allows 100).</param>
/// <param name="PageSize">Results per search page (HubSpot allows 200).</param>
/// <param name="Lookback">Re-read window before the watermark, because search lags writes.</param>
public sealed record HubSpotSettings(
    Uri BaseUrl,
    HubSpotAuthMode AuthMode,
    Secret Token,
    IReadOnlyList<string>? Properties,
    HubSpotRateLimits RateLimits,
    int BatchSize,
    int PageSize,
    TimeSpan Lookback);
