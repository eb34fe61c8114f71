using CrmSync.Lake.Storage;

namespace CrmSync.Pipeline.Tests.Locking;

/// <summary>A store whose put-if-absent of keys under <paramref name="prefix"/> waits until <paramref name="racers"/> callers
/// have reached it, then lets them all go: every racer has read the same state before any writes (a barrier, no timing).</summary>
internal sealed class RacingStore(IObjectStore inner, string prefix, int racers) : IObjectStore
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        if (key.StartsWith(prefix, StringComparison.Ordinal) && !_allArrived.Task.IsCompleted)
        {
            if (Interlocked.Increment(ref _arrived) == racers)
            {
                _allArrived.SetResult();
            }

            await _allArrived.Task.WaitAsync(cancellationToken);
        }

        return await inner.PutIfAbsentAsync(key, content, cancellationToken);
    }

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken = default) => inner.StatAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<LocalFileLease> OpenLocalFileAsync(string key, CancellationToken cancellationToken = default) => inner.OpenLocalFileAsync(key, cancellationToken);

    public Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken = default) => inner.ReadAllAsync(key, cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

    public Task<LocalFileDraft> CreateLocalFileAsync(string key, CancellationToken cancellationToken = default) => inner.CreateLocalFileAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
