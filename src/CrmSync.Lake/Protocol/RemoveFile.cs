namespace CrmSync.Lake.Protocol;

/// <summary>The <c>remove</c> action: a tombstone; the file stays on disk until vacuum after the retention period.</summary>
public sealed record RemoveFile(
    string Path,
    long? DeletionTimestamp,
    bool DataChange,
    bool? ExtendedFileMetadata = null,
    IReadOnlyDictionary<string, string?>? PartitionValues = null,
    long? Size = null,
    DeletionVectorDescriptor? DeletionVector = null) : DeltaAction
{
    public string DecodedPath => PathCodec.Decode(Path);

    /// <summary>Log replay key of the logical file this removes.</summary>
    public LogicalFileKey Key => new(DecodedPath, DeletionVector?.UniqueId);
}
