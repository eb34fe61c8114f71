namespace CrmSync.Pipeline.Locking;

/// <summary>Another invocation holds the lake's run lock: names the holder and when its lease expires.</summary>
public sealed class RunLockedException(RunLockRecord holder)
    : Exception($"The lake is locked by another crmsync invocation: {holder}. It is released when that invocation ends; "
        + $"if that process is gone, the lock can be taken once it expires, or broken now with `crmsync unlock --force`.")
{
    public RunLockRecord Holder { get; } = holder;
}
