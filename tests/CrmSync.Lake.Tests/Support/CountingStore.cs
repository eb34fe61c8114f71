using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Tests.Support;

/// <summary>A store that counts the distinct Parquet data files opened for reading, to see what file skipping saved.</summary>
internal sealed class CountingStore(IObjectStore inner) : IObjectStore
{
    private readonly HashSet<string> _opened = [];

    /// <summary>Distinct data files opened since the last reset (a file may be opened twice: metadata and data).</summary>
    public int Opened
    {
        get => _opened.Count;
        set => _opened.Clear();
    }

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken = default) => inner.StatAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<LocalFileLease> OpenLocalFileAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key.EndsWith(".parquet", StringComparison.Ordinal) && !key.Contains("_delta_log", StringComparison.Ordinal))
            _opened.Add(key);
        return inner.OpenLocalFileAsync(key, cancellationToken);
    }

    public Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken = default) => inner.ReadAllAsync(key, cancellationToken);

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        inner.PutIfAbsentAsync(key, content, cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        inner.PutAsync(key, content, cancellationToken);

    public Task<LocalFileDraft> CreateLocalFileAsync(string key, CancellationToken cancellationToken = default) =>
        inner.CreateLocalFileAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
