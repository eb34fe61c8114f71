namespace CrmSync.Lake.Protocol;

/// <summary>The <c>protocol</c> action: minimum reader/writer versions and, from reader 3 / writer 7, named features.</summary>
public sealed record ProtocolAction(
    int MinReaderVersion,
    int MinWriterVersion,
    IReadOnlyList<string>? ReaderFeatures = null,
    IReadOnlyList<string>? WriterFeatures = null) : DeltaAction
{
    /// <summary>What this engine writes for a plain table.</summary>
    public static readonly ProtocolAction Default = new(1, 2);
}
