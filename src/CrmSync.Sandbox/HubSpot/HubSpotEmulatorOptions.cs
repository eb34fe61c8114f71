namespace CrmSync.Sandbox.HubSpot;

/// <summary>Settings of the HubSpot emulator. Limits default to a Professional private app.</summary>
public sealed record HubSpotEmulatorOptions
{
    /// <summary>0 = any free port on 127.0.0.1.</summary>
    public int Port { get; init; }

    /// <summary>The private-app token the emulator accepts as Bearer.</summary>
    public string AccessToken { get; init; } = "pat-na1-00000000-0000-0000-0000-000000000000";

    /// <summary>Drives createdate/lastmodifieddate, rate windows and injected latency.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Requests per rolling 10 s (TEN_SECONDLY_ROLLING).</summary>
    public int TenSecondlyLimit { get; init; } = 190;

    /// <summary>Search requests per rolling second (search's own limit).</summary>
    public int SearchPerSecondLimit { get; init; } = 5;

    /// <summary>Requests per UTC day (DAILY).</summary>
    public int DailyLimit { get; init; } = 1_000_000;

    /// <summary>False = no 429 for exceeding a limit (headers still sent).</summary>
    public bool LimitsEnabled { get; init; } = true;

    /// <summary>Whether 429s carry Retry-After (undocumented for HubSpot, so off by default).</summary>
    public bool SendRetryAfter { get; init; }

    /// <summary>Records written less than this long ago are not yet visible to search (HubSpot's index lag).</summary>
    public TimeSpan SearchIndexLag { get; init; }

    public int MaxBatchInputs { get; init; } = 100;

    public int SearchResultCap { get; init; } = 10_000;

    public int FaultSeed { get; init; } = 1;
}
