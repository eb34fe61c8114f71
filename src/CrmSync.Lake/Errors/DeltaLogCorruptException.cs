namespace CrmSync.Lake;

/// <summary>A log file (commit JSON, checkpoint, _last_checkpoint) cannot be parsed; names the file and line.</summary>
public sealed class DeltaLogCorruptException(string filePath, string problem, Exception? innerException = null)
    : DeltaException($"Delta log file '{filePath}' is corrupt: {problem}", innerException)
{
    public string FilePath { get; } = filePath;
}
