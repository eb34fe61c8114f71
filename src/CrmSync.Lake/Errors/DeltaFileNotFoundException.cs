namespace CrmSync.Lake;

/// <summary>A file the log refers to (data file, checkpoint) is missing from the store.</summary>
public sealed class DeltaFileNotFoundException(string filePath, string context, Exception? innerException = null)
    : DeltaException($"File '{filePath}' is missing: {context}", innerException)
{
    public string FilePath { get; } = filePath;
}
