using CrmSync.Connectors.Common;

namespace CrmSync.Pipeline.Configuration;

/// <summary>Overrides of the configured client behaviour, for the emulators (tests, demo, bench).</summary>
/// <param name="Retry">Replaces retry: in sources.yaml (e.g. millisecond delays in tests); null = configured.</param>
/// <param name="ClientRateLimits">False turns the client-side request budgets off (the benchmark runs without limits).</param>
public sealed record ConnectorTuning(RetryOptions? Retry = null, bool ClientRateLimits = true)
{
    public static ConnectorTuning None { get; } = new();
}
