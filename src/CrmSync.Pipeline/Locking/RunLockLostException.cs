namespace CrmSync.Pipeline.Locking;

/// <summary>A renewal found the run lock taken over or broken (`crmsync unlock`): this invocation stops, its stage
/// left RUNNING so the next invocation resumes it.</summary>
public sealed class RunLockLostException(string stage, RunLockRecord? successor)
    : Exception($"{stage} stopped: this invocation lost the lake's run lock"
        + (successor is null ? "." : successor.ReleasedAt is null ? $" to {successor}." : $" (broken by {successor.ReleasedBy ?? "another invocation"})."))
{
    public RunLockRecord? Successor { get; } = successor;
}
