namespace CrmSync.Core.History;

/// <summary>What to write to the history table: replace <see cref="RowsToClose"/> (same key, now closed) and append <see cref="RowsToInsert"/>.</summary>
public sealed record Scd2Plan(IReadOnlyList<HistoryRow> RowsToClose, IReadOnlyList<HistoryRow> RowsToInsert);
