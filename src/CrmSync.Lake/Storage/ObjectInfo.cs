namespace CrmSync.Lake.Storage;

/// <summary>An object in an <see cref="IObjectStore"/>: its key, size in bytes and last modification time.</summary>
public sealed record ObjectInfo(string Key, long Size, DateTimeOffset LastModified);
