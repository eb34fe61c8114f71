namespace CrmSync.Connectors.Common;

/// <summary>
/// A client-side request budget matching a service's rolling window ("at most
/// <see cref="PermitLimit"/> requests in any <see cref="Window"/>").
/// </summary>
public sealed record RateLimitOptions
{
    public RateLimitOptions(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit;
        Window = window;
    }

    public int PermitLimit { get; init; }

    public TimeSpan Window { get; init; }

    /// <summary>
    /// Added to the window on the client. The limiter already counts a request from when its
    /// response arrived (after the service counted it), so this only covers clock granularity.
    /// </summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>False = no client-side limiting (the server's 429s are still handled).</summary>
    public bool Enabled { get; init; } = true;

    public void Validate()
    {
        if (!Enabled)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PermitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(SafetyMargin, TimeSpan.Zero);
    }
}
