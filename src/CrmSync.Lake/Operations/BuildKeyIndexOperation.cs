using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>
/// Gives the live files that lack key hashes for some indexed column (written before the index was enabled, by another
/// engine, or with a lost, corrupt or version 1 sidecar) a new sidecar, read from the indexed columns of the data file. Commits
/// nothing: sidecars are not part of the Delta log. A data file's rows never change (deletion vectors only hide rows), so
/// the key hashes of all its rows stay valid for as long as the file lives.
/// </summary>
internal static class BuildKeyIndexOperation
{
    public static async Task<int> RunAsync(IObjectStore store, Snapshot snapshot, CancellationToken ct)
    {
        var indexed = KeyIndexColumns.Of(snapshot).Select(c => snapshot.Schema[c]).ToArray();
        if (indexed.Length == 0)
            return 0;
        var readSchema = new StructType(indexed);
        var ordinals = Enumerable.Range(0, indexed.Length).ToArray();
        var built = 0;
        foreach (var file in snapshot.Files)
        {
            if (!KeyIndexFile.CanHaveSidecar(file.DecodedPath))
                continue;
            var existing = await KeyIndexCache.LoadAsync(store, snapshot.TablePath, file, ct).ConfigureAwait(false);
            if (indexed.All(c => existing.KeysFor(c.Name) is not null))
                continue;

            var builder = new KeyIndexBuilder(indexed);
            await foreach (var batch in TableScan.ReadDataFileAsync(store, snapshot, file, readSchema, null, ct).ConfigureAwait(false))
            {
                foreach (var row in batch.Rows)
                    builder.Add(row.Values, ordinals);
            }

            var index = builder.Build();
            var key = LogPaths.Join(snapshot.TablePath, KeyIndexFile.PathFor(file.DecodedPath));
            await store.PutAsync(key, KeyIndexFile.Serialize(index), ct).ConfigureAwait(false);
            KeyIndexCache.Put(store, key, index);
            built++;
        }

        return built;
    }
}
