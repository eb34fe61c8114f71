namespace CrmSync.Lake.Storage;

/// <summary>
/// The storage a Delta table lives in: a flat namespace of objects addressed by '/'-separated keys
/// (local disk today, Azure Data Lake later). Commit files rely on <see cref="PutIfAbsentAsync"/> being atomic.
/// </summary>
public interface IObjectStore
{
    /// <summary>Objects whose key starts with <paramref name="prefix"/> (recursively), in no particular order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Size and modification time, or null when the object does not exist.</summary>
    Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Opens an object for reading (seekable); throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// A local file with the object's bytes, for Parquet: ParquetSharp reading a .NET stream calls back into managed
    /// code from native code, and a reader finalized instead of disposed (e.g. after a failed open) then calls a
    /// collected delegate and kills the process. Opening a path keeps all I/O native. Throws
    /// <see cref="FileNotFoundException"/> when absent.
    /// </summary>
    Task<LocalFileLease> OpenLocalFileAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Reads a whole (small) object; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Atomically creates <paramref name="key"/> with the content unless it exists. Returns false when it already
    /// existed (the content is then untouched). Readers never observe a partially written object.</summary>
    Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces an object (data files have unique names; used where replacing is harmless, e.g. _last_checkpoint).</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>
    /// A local file to write a new object into (large data files), published by <see cref="LocalFileDraft.PublishAsync"/>;
    /// fails with <see cref="IOException"/> when the object exists. For Parquet, for the same reason as
    /// <see cref="OpenLocalFileAsync"/>: ParquetSharp writing a .NET stream calls back into managed code from native code.
    /// Data files have unique names and count only once a commit references them, so a store may lend the object's own
    /// path: a crash mid-write then leaves an orphan that no commit references, which vacuum removes.
    /// </summary>
    Task<LocalFileDraft> CreateLocalFileAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object; no error when it is already gone.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
