using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.HubSpot;

/// <summary>One page of contacts and the cursor of the next page (null on the last).</summary>
internal sealed record HubSpotPage(IReadOnlyList<CrmRecord> Records, string? NextAfter);
