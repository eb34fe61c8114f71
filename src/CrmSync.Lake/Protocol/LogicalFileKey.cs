namespace CrmSync.Lake.Protocol;

/// <summary>The protocol's primary key of a logical file: the decoded data file path and the unique id of its deletion
/// vector (null without one). Replay keeps the newest add/remove per key.</summary>
public readonly record struct LogicalFileKey(string Path, string? DeletionVectorId);
