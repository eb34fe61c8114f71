using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Tests.Support;

/// <summary>The same store with checkpoints hidden, so the snapshot replays every JSON commit.</summary>
internal sealed class JsonOnlyStore(IObjectStore inner) : IObjectStore
{
    private static bool Hidden(string key) => key.Contains(".checkpoint.", StringComparison.Ordinal) || key.EndsWith("_last_checkpoint", StringComparison.Ordinal);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var info in inner.ListAsync(prefix, cancellationToken))
        {
            if (!Hidden(info.Key))
                yield return info;
        }
    }

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken = default) =>
        Hidden(key) ? Task.FromResult<ObjectInfo?>(null) : inner.StatAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<LocalFileLease> OpenLocalFileAsync(string key, CancellationToken cancellationToken = default) =>
        Hidden(key) ? throw new FileNotFoundException(key) : inner.OpenLocalFileAsync(key, cancellationToken);

    public Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken = default) =>
        Hidden(key) ? throw new FileNotFoundException(key) : inner.ReadAllAsync(key, cancellationToken);

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<LocalFileDraft> CreateLocalFileAsync(string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
