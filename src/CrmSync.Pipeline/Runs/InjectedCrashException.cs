namespace CrmSync.Pipeline.Runs;

/// <summary>Thrown at a named crash point to simulate the process dying there (tests and CRMSYNC_CRASH_AT).</summary>
public sealed class InjectedCrashException(string point)
    : Exception($"Injected crash at '{point}' (CRMSYNC_CRASH_AT); rerun the stage to finish the work.")
{
    public string Point { get; } = point;
}
