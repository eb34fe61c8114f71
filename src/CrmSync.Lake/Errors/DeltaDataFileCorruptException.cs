namespace CrmSync.Lake;

/// <summary>A data file the log refers to exists but cannot be decoded as Parquet; names the file.</summary>
public sealed class DeltaDataFileCorruptException(string filePath, string problem, Exception? innerException = null)
    : DeltaException($"Data file '{filePath}' is corrupt: {problem}", innerException)
{
    public string FilePath { get; } = filePath;
}
