using CrmSync.Lake.Protocol;

namespace CrmSync.Lake;

/// <summary>A chunk of rows from one data file row group (scans stream these; a table is never materialised whole).</summary>
public sealed class RowBatch(StructType schema, IReadOnlyList<Row> rows, string sourceFile, IReadOnlyList<long>? positions = null)
{
    public StructType Schema { get; } = schema;

    public IReadOnlyList<Row> Rows { get; } = rows;

    /// <summary>Path (relative to the table root) of the data file the rows come from.</summary>
    public string SourceFile { get; } = sourceFile;

    public int Count => Rows.Count;

    /// <summary>Each row's position (from 0) in its data file, when the read selected rows; null otherwise.</summary>
    public IReadOnlyList<long>? Positions { get; } = positions;
}
