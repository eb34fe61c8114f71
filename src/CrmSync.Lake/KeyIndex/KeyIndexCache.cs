using System.Collections.Concurrent;
using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.KeyIndex;

/// <summary>
/// Loads data files' key filters lazily and keeps them in process memory: data files are immutable and a file's sidecar is
/// written before the file is committed, so what was read once stays true. A missing sidecar, an unreadable one or a
/// corrupt one all mean "no index" (any key might be in the file); nothing is thrown and no key value is ever reported.
/// </summary>
internal static class KeyIndexCache
{
    /// <summary>At 12 bytes per key (hash and prefilter), room for ~21M keys: a first load of a million contacts per side
    /// indexes ~15M. Past it the cache starts over: cheaper than tracking use.</summary>
    private const long ByteBudget = 256L << 20;

    private static readonly ConcurrentDictionary<(IObjectStore Store, string Key), FileKeyIndex> Entries = new();
    private static long _bytes;

    public static async Task<FileKeyIndex> LoadAsync(IObjectStore store, string tablePath, AddFile file, CancellationToken ct)
    {
        if (!KeyIndexFile.CanHaveSidecar(file.DecodedPath))
            return FileKeyIndex.None;
        var key = LogPaths.Join(tablePath, KeyIndexFile.PathFor(file.DecodedPath));
        if (Entries.TryGetValue((store, key), out var cached))
            return cached;

        FileKeyIndex index;
        try
        {
            var bytes = await store.ReadAllAsync(key, ct).ConfigureAwait(false);
            index = new FileKeyIndex(KeyIndexFile.Parse(bytes));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or FormatException)
        {
            index = FileKeyIndex.None;
        }
        catch (IOException)
        {
            // Perhaps transient: skip the index this time, but do not remember it as absent.
            return FileKeyIndex.None;
        }

        Put(store, key, index);
        return index;
    }

    /// <summary>Remembers the filters of a sidecar just written (its key in the store), so this process never reads it back.</summary>
    public static void Put(IObjectStore store, string key, FileKeyIndex index)
    {
        if (Interlocked.Add(ref _bytes, index.ByteCount) > ByteBudget)
        {
            Entries.Clear();
            Interlocked.Exchange(ref _bytes, index.ByteCount);
        }

        Entries[(store, key)] = index;
    }
}
