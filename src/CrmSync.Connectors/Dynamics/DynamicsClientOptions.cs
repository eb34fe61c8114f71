using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Configuration of a <see cref="DynamicsClient"/>. A class, not a record, so ToString() can never
/// print the client secret.
/// </summary>
public sealed class DynamicsClientOptions
{
    /// <summary>e.g. https://contoso.crm.dynamics.com (or the emulator's base URI).</summary>
    public required Uri OrgUri { get; init; }

    /// <summary>Token endpoint = {AuthorityHost}/{TenantId}/oauth2/v2.0/token.</summary>
    public Uri AuthorityHost { get; init; } = new("https://login.microsoftonline.com/");

    public required string TenantId { get; init; }

    public required string ClientId { get; init; }

    /// <summary>Never logged, reported or put in an exception message.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>Refresh the cached token this long before it expires.</summary>
    public TimeSpan TokenRefreshMargin { get; init; } = TimeSpan.FromMinutes(5);

    public DynamicsReadMode ReadMode { get; init; } = DynamicsReadMode.ModifiedOn;

    /// <summary>Columns read ($select). contactid and modifiedon are always added.</summary>
    public IReadOnlyList<string> Columns { get; init; } =
    [
        "contactid", "firstname", "lastname", "emailaddress1", "telephone1", "mobilephone", "jobtitle",
        "address1_line1", "address1_city", "address1_stateorprovince", "address1_postalcode", "address1_country",
        "new_lifecyclestage", "donotbulkemail", "_parentcustomerid_value", "createdon", "modifiedon",
    ];

    /// <summary>Prefer: odata.maxpagesize; Dataverse's default and maximum is 5,000.</summary>
    public int PageSize { get; init; } = 5000;

    /// <summary>Operations per $batch request; Dataverse allows up to 1,000.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>
    /// Operations per change set. Change sets are atomic: with more than 1, one invalid record rolls
    /// back its neighbours (they come back as retryable failures). 1 keeps every record independent.
    /// </summary>
    public int ChangeSetSize { get; init; } = 1;

    /// <summary>$batch requests in flight at once for one write call (the rate and concurrency limiters still govern).</summary>
    public int WriteParallelism { get; init; } = 4;

    /// <summary>Lookups written with @odata.bind, read from their _x_value attribute.</summary>
    public IReadOnlyList<DynamicsLookupBinding> Lookups { get; init; } = [DynamicsLookupBinding.ParentAccount];

    /// <summary>Picklist labels from configuration; null = load them from the metadata endpoint when first needed.</summary>
    public DynamicsOptionSetMap? OptionSets { get; init; }

    /// <summary>Service protection: requests per sliding window per user (6,000 per 5 minutes by default).</summary>
    public RateLimitOptions RateLimit { get; init; } = new(6000, TimeSpan.FromMinutes(5));

    /// <summary>Service protection: concurrent requests per user (52 by default).</summary>
    public int MaxConcurrentRequests { get; init; } = 52;

    public RetryOptions Retry { get; init; } = new();

    /// <summary>Wait after a 429 without Retry-After: this doubled per attempt.</summary>
    public TimeSpan ThrottleFallbackDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(OrgUri);
        ArgumentNullException.ThrowIfNull(AuthorityHost);
        ArgumentException.ThrowIfNullOrWhiteSpace(TenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ClientId);
        if (string.IsNullOrEmpty(ClientSecret)) throw new ArgumentException("The client secret is required.", nameof(ClientSecret));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PageSize, 5000);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(ChangeSetSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentRequests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(WriteParallelism, 1);
        RateLimit.Validate();
        Retry.Validate();
    }
}
