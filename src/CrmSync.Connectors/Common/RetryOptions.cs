namespace CrmSync.Connectors.Common;

/// <summary>How a client retries transient failures (429 without a quota stop, 5xx, timeouts, dropped connections).</summary>
public sealed record RetryOptions
{
    /// <summary>Total tries including the first; 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>First backoff delay for 5xx and transport errors; doubles per attempt.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap for any single wait, including a service's Retry-After.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Randomise backoff so parallel clients do not retry in lockstep.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Time allowed for one HTTP attempt before it counts as a timeout.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero);
    }
}
