using CrmSync.Cli.Emulators;

namespace CrmSync.Cli.Bench.Connectors;

/// <summary>
/// What `crmsync bench connectors` runs. HubSpot's emulator window is fixed at 10 s
/// (TEN_SECONDLY_ROLLING); Dynamics' is configurable, and is scaled down because 20,000 updates in
/// $batch requests are far too few requests to meet Dataverse's real 6,000 per 5 minutes.
/// </summary>
/// <param name="Contacts">Contacts seeded and read in full from each emulator.</param>
/// <param name="Updates">Updates pushed to each emulator (to that many distinct contacts).</param>
/// <param name="EmulatorInChildProcess">Reads run against an emulator in a child `crmsync sandbox serve`,
/// so this process's CPU time is the client's alone. False only where no `crmsync` can be started.</param>
/// <param name="ReadPasses">Full reads of every path, one after another against the same emulator process. The first
/// includes both processes' warm-up (JIT, tiering); later ones show the cost per record once both are warm.</param>
public sealed record ConnectorBenchmarkSettings(
    int Contacts,
    int Updates,
    IReadOnlyList<CrmSystem> Systems,
    PushBudget HubSpotPush,
    PushBudget DynamicsPush,
    bool EmulatorInChildProcess = true,
    int ReadPasses = 1)
{
    /// <summary>HubSpot's TEN_SECONDLY_ROLLING window; its emulator cannot use another.</summary>
    public static readonly TimeSpan HubSpotWindow = TimeSpan.FromSeconds(10);

    /// <summary>100k read, 20k pushed: HubSpot at its Free/Starter 100 per 10 s, Dynamics at 100 per 10 s (200 requests each, two windows).</summary>
    public static ConnectorBenchmarkSettings Full(IReadOnlyList<CrmSystem> systems) => new(
        100_000, 20_000, systems, new PushBudget(100, HubSpotWindow, 100), new PushBudget(100, TimeSpan.FromSeconds(10), 100));

    /// <summary>A tenth of the work and of the budgets (20 requests each, still two windows), to try it in seconds.</summary>
    public static ConnectorBenchmarkSettings Quick(IReadOnlyList<CrmSystem> systems) => new(
        10_000, 2_000, systems, new PushBudget(10, HubSpotWindow, 100), new PushBudget(10, TimeSpan.FromSeconds(2), 100));

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Contacts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Updates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadPasses, 1);
        if (Systems.Count == 0) throw new ArgumentException("Name at least one system.", nameof(Systems));
        if (HubSpotPush.Window != HubSpotWindow) throw new ArgumentException("HubSpot's window is 10 s.", nameof(HubSpotPush));
    }
}
