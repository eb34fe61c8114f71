namespace CrmSync.Lake.Operations;

/// <summary>Live rows of one data file with each row's index in the file (the position a deletion vector addresses).
/// <see cref="RowsScanned"/> counts the file's rows read so far, deleted ones included.</summary>
internal sealed record PositionedRowBatch(IReadOnlyList<Row> Rows, IReadOnlyList<long> RowIndexes, long RowsScanned);
