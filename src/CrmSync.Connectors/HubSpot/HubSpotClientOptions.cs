using CrmSync.Connectors.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmSync.Connectors.HubSpot;

/// <summary>Settings of <see cref="HubSpotClient"/>. Budgets default to a Professional private app.</summary>
public sealed record HubSpotClientOptions
{
    public static readonly Uri DefaultBaseUri = new("https://api.hubapi.com/");

    public Uri BaseUri { get; init; } = DefaultBaseUri;

    /// <summary>Private-app access token, sent as Bearer. Never logged or reported.</summary>
    public required string AccessToken { get; init; }

    /// <summary>Contact properties to read.</summary>
    public IReadOnlyList<string> Properties { get; init; } =
    [
        "email", "firstname", "lastname", "phone", "mobilephone", "jobtitle", "company", "address", "city", "state", "zip",
        "country", "lifecyclestage", "hs_email_optout", "createdate", "lastmodifieddate", "hs_object_id",
    ];

    /// <summary>Search page size (HubSpot's maximum is 200).</summary>
    public int SearchPageSize { get; init; } = 200;

    /// <summary>List page size (HubSpot's maximum is 100).</summary>
    public int ListPageSize { get; init; } = 100;

    /// <summary>Results one search query can return before HubSpot answers 400.</summary>
    public int SearchResultCap { get; init; } = 10_000;

    /// <summary>Inputs per batch write (100 is the widely used maximum).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Batch requests in flight at once during a write.</summary>
    public int MaxConcurrentBatches { get; init; } = 2;

    /// <summary>All calls: TEN_SECONDLY_ROLLING budget.</summary>
    public RateLimitOptions RateLimit { get; init; } = new(190, TimeSpan.FromSeconds(10));

    /// <summary>Search calls additionally: search's own per-second budget.</summary>
    public RateLimitOptions SearchRateLimit { get; init; } = new(4, TimeSpan.FromSeconds(1));

    public RetryOptions Retry { get; init; } = new();

    /// <summary>Wait per attempt after a TEN_SECONDLY_ROLLING 429 without Retry-After (HubSpot's own clients wait 10 s x attempt).</summary>
    public TimeSpan TenSecondlyBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait per attempt after a per-second (search) 429 without Retry-After.</summary>
    public TimeSpan SecondlyBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public IApiCallReporter Reporter { get; init; } = NullApiCallReporter.Instance;

    public ILogger Logger { get; init; } = NullLogger.Instance;

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(AccessToken);
        ArgumentOutOfRangeException.ThrowIfLessThan(SearchPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SearchPageSize, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(ListPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListPageSize, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(SearchResultCap, SearchPageSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentBatches, 1);
        RateLimit.Validate();
        SearchRateLimit.Validate();
        Retry.Validate();
    }
}
