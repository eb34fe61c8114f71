namespace CrmSync.Pipeline.Runs;

/// <summary>meta.sync_runs.status values.</summary>
public static class StageStatus
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";

    /// <summary>Ended early on purpose (a CRM's daily quota ran out); unsent work stays pending for the next run.</summary>
    public const string Stopped = "STOPPED";

    public static IReadOnlyList<string> All { get; } = [Running, Succeeded, Failed, Stopped];
}
