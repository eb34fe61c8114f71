using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.HubSpot;

/// <summary>One page of contacts, the cursor of the next page (null on the last), and the query's total match count
/// (search answers carry it; list answers do not).</summary>
internal sealed record HubSpotPage(IReadOnlyList<CrmRecord> Records, string? NextAfter, long? Total);
