namespace CrmSync.Lake;

/// <summary>What a concurrent commit clashed with.</summary>
public enum ConflictKind
{
    MetadataChanged,
    ProtocolChanged,
    FileRemovedConcurrently,
    ConcurrentAppendMatchesRead,
    TransactionConflict,
    RetriesExhausted,
}

/// <summary>A commit lost an optimistic-concurrency race against a conflicting commit; says what clashed.</summary>
public sealed class DeltaConcurrencyException(string tablePath, ConflictKind kind, long winningVersion, string detail)
    : DeltaException($"Concurrent modification of table '{tablePath}' ({kind}, winning commit version {winningVersion}): {detail}")
{
    public string TablePath { get; } = tablePath;

    public ConflictKind Kind { get; } = kind;

    public long WinningVersion { get; } = winningVersion;
}
