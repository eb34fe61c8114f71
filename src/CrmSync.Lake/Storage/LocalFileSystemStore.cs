using System.Runtime.CompilerServices;

namespace CrmSync.Lake.Storage;

/// <summary>
/// An <see cref="IObjectStore"/> over a local directory. Put-if-absent writes a temp file then moves it into place
/// without replacing (<see cref="NoReplaceMove"/>: link(2) on Unix, MoveFileEx without replace on Windows), so exactly
/// one of several racing threads or processes creates a commit, and nobody ever sees it half written.
/// </summary>
public sealed class LocalFileSystemStore : IObjectStore
{
    private const string TempMarker = ".tmp-";

    public LocalFileSystemStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        Root = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The local file behind a key.</summary>
    public string FullPath(string key)
    {
        var full = Path.GetFullPath(Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(Root, StringComparison.Ordinal))
            throw new ArgumentException($"Key '{key}' escapes the store root.", nameof(key));
        return full;
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var slash = prefix.LastIndexOf('/');
        var directory = slash < 0 ? Root : FullPath(prefix[..slash]);
        if (!Directory.Exists(directory))
            yield break;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || Path.GetFileName(file).Contains(TempMarker, StringComparison.Ordinal))
                continue;
            var info = new FileInfo(file);
            if (info.Exists)
                yield return new ObjectInfo(key, info.Length, info.LastWriteTimeUtc);
        }
    }

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(FullPath(key));
        return Task.FromResult(info.Exists ? new ObjectInfo(key, info.Length, info.LastWriteTimeUtc) : null);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream>(new FileStream(FullPath(key), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            1 << 16, FileOptions.RandomAccess));

    public Task<LocalFileLease> OpenLocalFileAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = FullPath(key);
        return File.Exists(path)
            ? Task.FromResult(new LocalFileLease(path, deleteOnDispose: false))
            : throw new FileNotFoundException($"object '{key}' does not exist", path);
    }

    public Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken = default) =>
        File.ReadAllBytesAsync(FullPath(key), cancellationToken);

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var target = FullPath(key);
        if (File.Exists(target))
            return false;
        var temp = await WriteTempAsync(target, content, cancellationToken).ConfigureAwait(false);
        try
        {
            return NoReplaceMove.TryMove(temp, target);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var target = FullPath(key);
        var temp = await WriteTempAsync(target, content, cancellationToken).ConfigureAwait(false);
        File.Move(temp, target, overwrite: true);
    }

    /// <summary>Lends the object's own path: data files have unique names and count only once committed, so a
    /// half-written one is an orphan (visible to vacuum, which removes it), never a corruption; a temp-and-rename would
    /// hide a crashed write's file from vacuum instead.</summary>
    public Task<LocalFileDraft> CreateLocalFileAsync(string key, CancellationToken cancellationToken = default)
    {
        var target = FullPath(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Claim the name now so a clash fails here rather than after the file is written over.
        new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
        return Task.FromResult(new LocalFileDraft(target, _ => Task.CompletedTask, pathIsTheObject: true));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        File.Delete(FullPath(key));
        return Task.CompletedTask;
    }

    private static async Task<string> WriteTempAsync(string target, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = TempPathFor(target);
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return temp;
    }

    private static string TempPathFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + TempMarker + Guid.NewGuid().ToString("N"));
}
