namespace CrmSync.Lake.Storage;

/// <summary>
/// A local file that becomes a new object once published, for native writers that must write a path (Parquet): the
/// mirror of <see cref="LocalFileLease"/>. A store that keeps objects on local disk lends the object's own path, so
/// publishing costs nothing; a remote store lends a temporary file and uploads it on publish. Disposing an unpublished
/// draft deletes what was written (an abandoned write leaves nothing behind); disposing a published one deletes only a
/// temporary copy.
/// </summary>
public sealed class LocalFileDraft(string path, Func<CancellationToken, Task> publish, bool pathIsTheObject) : IDisposable
{
    private bool _published;
    private bool _disposed;

    public string Path { get; } = path;

    /// <summary>Makes the object exist with the file's bytes; write and close the file first.</summary>
    public async Task PublishAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await publish(cancellationToken).ConfigureAwait(false);
        _published = true;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_published || !pathIsTheObject)
            File.Delete(Path);
    }
}
