using CrmSync.Lake.Storage;

namespace CrmSync.Cli.Bench;

/// <summary>A store that counts the distinct data files opened for reading (the log's checkpoints excluded): what file
/// skipping saved, independent of the machine's load.</summary>
public sealed class DataFileReadCounter(IObjectStore inner) : IObjectStore
{
    private readonly HashSet<string> _opened = new(StringComparer.Ordinal);

    public int FilesRead => _opened.Count;

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken = default) => inner.StatAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<LocalFileLease> OpenLocalFileAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!key.Contains("_delta_log", StringComparison.Ordinal))
        {
            lock (_opened)
            {
                _opened.Add(key);
            }
        }

        return inner.OpenLocalFileAsync(key, cancellationToken);
    }

    public Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken = default) => inner.ReadAllAsync(key, cancellationToken);

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        inner.PutIfAbsentAsync(key, content, cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

    public Task<LocalFileDraft> CreateLocalFileAsync(string key, CancellationToken cancellationToken = default) =>
        inner.CreateLocalFileAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
