namespace CrmSync.Pipeline.Locking;

/// <summary>Who holds the run lock: the machine and process, the run id of the invocation, and the stage it is in
/// (<c>run</c> names the stage it has reached).</summary>
public sealed record RunLockOwner(string Host, int ProcessId, string? RunId, string Stage)
{
    /// <summary>This process, running <paramref name="stage"/> of <paramref name="runId"/>.</summary>
    public static RunLockOwner Current(string? runId, string stage) => new(Environment.MachineName, Environment.ProcessId, runId, stage);

    public override string ToString() => $"{Stage} (run {RunId ?? "-"}) on host {Host}, process {ProcessId}";
}
