namespace CrmSync.Lake;

/// <summary>A deletion vector the log refers to cannot be decoded or fails its checks; names the DV's location and the
/// data file it belongs to.</summary>
public sealed class DeltaDeletionVectorCorruptException(string location, string dataFile, string problem, Exception? innerException = null)
    : DeltaException($"Deletion vector '{location}' of data file '{dataFile}' is corrupt: {problem}", innerException)
{
    /// <summary>The DV file (table-relative key) or, for an inline DV, "inline".</summary>
    public string Location { get; } = location;

    public string DataFile { get; } = dataFile;
}
