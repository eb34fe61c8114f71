using CrmSync.Lake.Parquet;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Log;

/// <summary>Rebuilds a snapshot: newest checkpoint at or below the version (via _last_checkpoint, else the listing) + later commits.</summary>
internal static class SnapshotLoader
{
    public static async Task<Snapshot> LoadAsync(IObjectStore store, string tablePath, long? version, CancellationToken ct)
    {
        var listing = await LogSegmentBuilder.ListAsync(store, tablePath, ct).ConfigureAwait(false);
        var latest = listing.LatestVersion ?? throw new DeltaTableNotFoundException(tablePath);
        var target = version ?? latest;
        if (target > latest || target < 0)
            throw new DeltaVersionNotFoundException(tablePath, $"version {target} does not exist (latest is {latest}).");

        var (checkpointVersion, checkpointFiles) = await ChooseCheckpointAsync(store, tablePath, listing, target, ct).ConfigureAwait(false);
        var replay = new LogReplay(tablePath);
        if (checkpointVersion is { } cv)
        {
            foreach (var file in checkpointFiles)
            {
                await foreach (var action in ReadCheckpointAsync(store, file, ct).ConfigureAwait(false))
                    replay.Apply(action);
            }
        }

        var start = (checkpointVersion ?? -1) + 1;
        for (var v = start; v <= target; v++)
        {
            if (!listing.Commits.TryGetValue(v, out var commit))
                throw new DeltaVersionNotFoundException(tablePath, $"commit {v} is missing from the log (needed to rebuild version {target}).");
            foreach (var action in await CommitFileReader.ReadAsync(store, commit.Key, ct).ConfigureAwait(false))
                replay.Apply(action);
        }

        return replay.Build(target, checkpointVersion);
    }

    /// <summary>Brings a snapshot up to the latest version by applying only the newer commits.</summary>
    public static async Task<Snapshot> UpdateAsync(IObjectStore store, Snapshot current, CancellationToken ct)
    {
        var replay = (LogReplay?)null;
        var version = current.Version;
        while (true)
        {
            var key = LogPaths.CommitKey(current.TablePath, version + 1);
            if (await store.StatAsync(key, ct).ConfigureAwait(false) is null)
                break;
            replay ??= LogReplay.From(current);
            foreach (var action in await CommitFileReader.ReadAsync(store, key, ct).ConfigureAwait(false))
                replay.Apply(action);
            version++;
        }

        return replay is null ? current : replay.Build(version, current.CheckpointVersion);
    }

    private static async Task<(long? Version, IReadOnlyList<string> Files)> ChooseCheckpointAsync(
        IObjectStore store, string tablePath, LogListing listing, long target, CancellationToken ct)
    {
        var hint = await LastCheckpoint.TryReadAsync(store, tablePath, ct).ConfigureAwait(false);
        long? best = listing.Checkpoints.Keys.Where(v => v <= target).Select(v => (long?)v).LastOrDefault();
        if (hint is not null && hint.Version <= target && (best is null || hint.Version >= best))
        {
            // _last_checkpoint names a checkpoint the listing must show in full; otherwise the log is damaged.
            var parts = hint.Parts ?? 1;
            var expected = parts == 1
                ? [LogPaths.CheckpointKey(tablePath, hint.Version)]
                : Enumerable.Range(1, parts).Select(p => LogPaths.CheckpointPartKey(tablePath, hint.Version, p, parts)).ToList();
            foreach (var key in expected)
            {
                if (await store.StatAsync(key, ct).ConfigureAwait(false) is null)
                    throw new DeltaFileNotFoundException(key, $"_last_checkpoint points to checkpoint version {hint.Version} but this file does not exist");
            }

            return (hint.Version, expected);
        }

        return best is { } b ? (b, listing.Checkpoints[b]) : (null, []);
    }

    private static async IAsyncEnumerable<DeltaAction> ReadCheckpointAsync(IObjectStore store, string key,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var empty = new Dictionary<string, object?>();
        await foreach (var batch in ParquetDataReader.ReadAsync(store, key, key, CheckpointSchema.Schema, empty, ct, isCheckpoint: true).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                DeltaAction? action;
                try
                {
                    action = CheckpointRows.ToAction(row);
                }
                catch (Exception e) when (e is InvalidCastException or NullReferenceException or FormatException)
                {
                    throw new DeltaLogCorruptException(key, $"malformed checkpoint row ({e.Message})", e);
                }

                if (action is not null)
                    yield return action;
            }
        }
    }
}
