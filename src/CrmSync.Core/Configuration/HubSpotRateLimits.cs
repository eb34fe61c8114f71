namespace CrmSync.Core.Configuration;

/// <summary>HubSpot's per-token limits the client must stay under.</summary>
public sealed record HubSpotRateLimits(int Per10Seconds, int SearchPerSecond, int Daily);
