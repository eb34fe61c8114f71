namespace CrmSync.Core.Configuration;

/// <summary>The dynamics: section of sources.yaml.</summary>
/// <param name="OrgUri">Organization root, e.g. https://contoso.crm.dynamics.com (no /api/data path).</param>
/// <param name="ClientSecret">Null with managed identity.</param>
/// <param name="Attributes">Attributes to read as configured; null means derived from the mappings.</param>
/// <param name="BatchSize">Requests per $batch (Dataverse allows 1,000).</param>
/// <param name="PageSize">odata.maxpagesize (Dataverse allows 5,000).</param>
/// <param name="Lookback">Re-read window before the watermark.</param>
/// <param name="OptionSets">Choice columns by attribute.</param>
/// <param name="Lookups">Lookup write bindings by attribute.</param>
public sealed record DynamicsSettings(
    Uri OrgUri,
    Uri AuthorityHost,
    string? TenantId,
    string? ClientId,
    DynamicsAuthMode AuthMode,
    Secret? ClientSecret,
    IReadOnlyList<string>? Attributes,
    DynamicsReadMode ReadMode,
    DynamicsRateLimits RateLimits,
    int BatchSize,
    int PageSize,
    TimeSpan Lookback,
    IReadOnlyDictionary<string, OptionSetMap> OptionSets,
    IReadOnlyDictionary<string, LookupBinding> Lookups)
{
    /// <summary>The Web API root, <c>{OrgUri}/api/data/v9.2/</c>.</summary>
    public Uri WebApiUri => new(OrgUri, "api/data/v9.2/");
}
