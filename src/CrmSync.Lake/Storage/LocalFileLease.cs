namespace CrmSync.Lake.Storage;

/// <summary>
/// A local file holding an object's bytes, for native readers that must open a path (Parquet). A store that keeps
/// objects on local disk lends the object itself; a remote store downloads it to a temporary file that the lease
/// deletes when disposed.
/// </summary>
public sealed class LocalFileLease(string path, bool deleteOnDispose) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        if (deleteOnDispose)
            File.Delete(Path);
    }
}
