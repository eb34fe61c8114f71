using CrmSync.Cli.Emulators;

namespace CrmSync.Cli.Bench.Connectors;

/// <summary>
/// One push under a budget. Requests and 429s are counted on both sides: the client's call reports
/// and the emulator's own counters must agree. CPU is this process's, emulator included.
/// </summary>
/// <param name="FirstWindowSeconds">Until the first window's worth of requests had completed: the time
/// one window of work takes on this machine, which no budget can shorten.</param>
public sealed record PushResult(
    CrmSystem System,
    PushBudget Budget,
    int Updates,
    int Failed,
    int RequestsSent,
    int RequestsReceived,
    int ThrottledSeen,
    long ThrottledServed,
    double FirstWindowSeconds,
    double Seconds,
    double CpuSeconds)
{
    public double AchievedPerSecond => Seconds > 0 ? RequestsSent / Seconds : 0;

    /// <summary>The fastest time the budget allows for these requests over the time taken; null when they fit in one window (not rate bound).</summary>
    public double? BudgetUse => Budget.WindowsNeeded(RequestsSent) > 1 && Seconds > 0
        ? Budget.FastestPossible(RequestsSent, TimeSpan.FromSeconds(FirstWindowSeconds)).TotalSeconds / Seconds
        : null;
}
