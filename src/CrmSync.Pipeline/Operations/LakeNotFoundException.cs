namespace CrmSync.Pipeline.Operations;

/// <summary>The folder holds no CrmSync lake (no meta.sync_runs table), usually a wrong --lake.</summary>
public sealed class LakeNotFoundException(string root)
    : Exception($"No CrmSync lake at {root}: meta.sync_runs does not exist there.")
{
    public string Root { get; } = root;
}
