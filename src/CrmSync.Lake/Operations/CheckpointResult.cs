namespace CrmSync.Lake.Operations;

/// <summary>The checkpoint written: the version it stands for and its size.</summary>
public sealed record CheckpointResult(long Version, long SizeInBytes);
