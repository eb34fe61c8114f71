namespace CrmSync.Lake;

/// <summary>CreateAsync found a table already at the path.</summary>
public sealed class DeltaTableAlreadyExistsException(string tablePath)
    : DeltaException($"A Delta table already exists at '{tablePath}'.")
{
    public string TablePath { get; } = tablePath;
}
