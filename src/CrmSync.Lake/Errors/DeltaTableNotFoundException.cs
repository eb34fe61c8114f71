namespace CrmSync.Lake;

/// <summary>No Delta table (no commit in <c>_delta_log</c>) at the path.</summary>
public sealed class DeltaTableNotFoundException(string tablePath)
    : DeltaException($"No Delta table at '{tablePath}' (no commits in _delta_log).")
{
    public string TablePath { get; } = tablePath;
}
