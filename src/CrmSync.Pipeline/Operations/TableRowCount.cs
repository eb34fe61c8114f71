namespace CrmSync.Pipeline.Operations;

/// <summary>How many rows one table of the lake holds at its latest version; -1 when the table does not exist yet.</summary>
public sealed record TableRowCount(string Table, long Rows)
{
    public bool Exists => Rows >= 0;
}
