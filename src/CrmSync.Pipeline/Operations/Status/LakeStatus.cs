using CrmSync.Pipeline.Reading;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Pipeline.Operations.Status;

/// <summary>What `crmsync status` shows: where each stage stands, how far each stream was read, what is waiting.</summary>
/// <param name="OpenDeadLetters">Open dead letters, newest failure first.</param>
public sealed record LakeStatus(
    string LakeRoot,
    IReadOnlyList<StageRunStatus> Stages,
    IReadOnlyList<Watermark> Watermarks,
    IReadOnlyList<OutboxCounts> Outboxes,
    IReadOnlyList<DeadLetter> OpenDeadLetters,
    IReadOnlyList<FieldConflictCount> OpenConflicts)
{
    public long OpenConflictCount => OpenConflicts.Sum(c => c.Open);
}
