using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>Reads commitInfo of the newest commits first. Commit time is commitInfo.timestamp, else the file's modification time.</summary>
internal static class HistoryReader
{
    public static async Task<IReadOnlyList<HistoryEntry>> ReadAsync(IObjectStore store, string tablePath, long upToVersion, int? limit,
        CancellationToken ct)
    {
        var listing = await LogSegmentBuilder.ListAsync(store, tablePath, ct).ConfigureAwait(false);
        var entries = new List<HistoryEntry>();
        foreach (var commit in listing.Commits.Values.Where(c => c.Version <= upToVersion).Reverse())
        {
            if (limit is { } max && entries.Count >= max)
                break;
            entries.Add(await ReadEntryAsync(store, tablePath, commit, ct).ConfigureAwait(false));
        }

        return entries;
    }

    public static async Task<HistoryEntry> ReadEntryAsync(IObjectStore store, string tablePath, LogCommitFile commit, CancellationToken ct)
    {
        var actions = await CommitFileReader.ReadAsync(store, commit.Key, ct).ConfigureAwait(false);
        var info = actions.OfType<CommitInfo>().FirstOrDefault();
        var timestamp = info?.Timestamp is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : commit.LastModified;
        return new HistoryEntry(commit.Version, timestamp, info?.Operation,
            info?.OperationParameters ?? new Dictionary<string, string>(), info?.OperationMetrics ?? new Dictionary<string, string>(),
            info?.EngineInfo, info?.Raw["userMetadata"]?.GetValue<string>());
    }

    /// <summary>The newest version committed at or before <paramref name="timestamp"/>.</summary>
    public static async Task<long> VersionAsOfAsync(IObjectStore store, string tablePath, DateTimeOffset timestamp, CancellationToken ct)
    {
        var listing = await LogSegmentBuilder.ListAsync(store, tablePath, ct).ConfigureAwait(false);
        if (listing.Commits.Count == 0)
            throw new DeltaTableNotFoundException(tablePath);
        long? found = null;
        foreach (var commit in listing.Commits.Values)
        {
            var entry = await ReadEntryAsync(store, tablePath, commit, ct).ConfigureAwait(false);
            if (entry.Timestamp > timestamp)
                break;
            found = commit.Version;
        }

        return found ?? throw new DeltaVersionNotFoundException(tablePath,
            $"no version was committed at or before {timestamp:O} (the earliest commit is later).");
    }
}
