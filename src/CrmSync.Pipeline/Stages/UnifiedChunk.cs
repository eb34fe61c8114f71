using CrmSync.Lake;

namespace CrmSync.Pipeline.Stages;

/// <summary>One chunk of unconsumed silver.contacts_unified rows: unify_seq up to <see cref="Through"/>; <see cref="Part"/>
/// numbers the chunk within its execution (its writes' txn part).</summary>
internal sealed record UnifiedChunk(int Part, IReadOnlyList<Row> Rows, long Through);
