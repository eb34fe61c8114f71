using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Operations;

/// <summary>What <c>describe</c> shows about a table at its current version.</summary>
public sealed record TableDetails(
    string Path,
    string Id,
    string? Name,
    string? Description,
    long Version,
    StructType Schema,
    IReadOnlyList<string> PartitionColumns,
    IReadOnlyDictionary<string, string?> Configuration,
    int NumFiles,
    long SizeInBytes,
    int MinReaderVersion,
    int MinWriterVersion,
    IReadOnlyList<string> ReaderFeatures,
    IReadOnlyList<string> WriterFeatures,
    DateTimeOffset? CreatedTime,
    long? LastCheckpointVersion);
