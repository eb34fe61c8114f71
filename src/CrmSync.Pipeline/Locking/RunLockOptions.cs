namespace CrmSync.Pipeline.Locking;

/// <summary>How long the run lock's lease lasts, how often its holder renews it, and how long an invocation waits for it.</summary>
public sealed record RunLockOptions
{
    /// <summary>Environment variable with the seconds a stage verb or <c>run</c> waits for a held lock (default 0: refuse at once).</summary>
    public const string WaitEnvironmentVariable = "CRMSYNC_LOCK_WAIT";

    /// <summary>How long a lease binds others without a renewal: how long a crashed holder blocks the lake. Generous, because
    /// the hosts' clocks decide expiry.</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The holder renews this often, so a few missed renewals (a slow store, a paused VM) do not lose the lease.</summary>
    public TimeSpan RenewEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait for a held lock before refusing (re-checked every <see cref="RenewEvery"/>).</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.Zero;

    /// <summary>The defaults, with <see cref="Wait"/> from <see cref="WaitEnvironmentVariable"/> when set.</summary>
    public static RunLockOptions FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.TryGetValue(WaitEnvironmentVariable, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return new RunLockOptions();
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? new RunLockOptions { Wait = TimeSpan.FromSeconds(seconds) }
            : throw new ArgumentException($"{WaitEnvironmentVariable}='{text}' is not a number of seconds.", nameof(environment));
    }
}
