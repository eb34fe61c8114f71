namespace CrmSync.Lake;

/// <summary>Time travel asked for a version or timestamp the log cannot reconstruct.</summary>
public sealed class DeltaVersionNotFoundException(string tablePath, string detail)
    : DeltaException($"Table '{tablePath}': {detail}")
{
    public string TablePath { get; } = tablePath;
}
