namespace CrmSync.Cli.Bench.Connectors;

/// <summary>
/// The request budget a push runs under, set identically on the emulator and the client
/// ("at most <see cref="Requests"/> in any <see cref="Window"/>"), and the updates sent per request.
/// </summary>
public sealed record PushBudget(int Requests, TimeSpan Window, int BatchSize)
{
    public double AllowedPerSecond => Requests / Window.TotalSeconds;

    /// <summary>Windows <paramref name="requests"/> need at the least; more than 1 = the push is rate bound.</summary>
    public int WindowsNeeded(int requests) => Math.Max(1, (requests + Requests - 1) / Requests);

    /// <summary>
    /// The shortest time <paramref name="requests"/> can take from an empty window when sending one
    /// window's worth takes <paramref name="oneWindowOfWork"/> (the emulator's and network's time, not
    /// the budget's): full windows back to back, the last one taking that work time again.
    /// </summary>
    public TimeSpan FastestPossible(int requests, TimeSpan oneWindowOfWork) => (Window * (WindowsNeeded(requests) - 1)) + oneWindowOfWork;
}
