using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Log;

/// <summary>The log files that rebuild one version: the newest usable checkpoint at or below it, then the later commits.</summary>
internal sealed record LogSegment(long Version, long? CheckpointVersion, IReadOnlyList<string> CheckpointFiles, IReadOnlyList<LogCommitFile> Commits);

/// <summary>A commit file found in the log listing.</summary>
internal sealed record LogCommitFile(long Version, string Key, DateTimeOffset LastModified);

/// <summary>Lists <c>_delta_log</c> and picks the segment for a version.</summary>
internal static class LogSegmentBuilder
{
    public static async Task<LogListing> ListAsync(IObjectStore store, string tablePath, CancellationToken ct)
    {
        var commits = new SortedDictionary<long, LogCommitFile>();
        var checkpointParts = new Dictionary<long, Dictionary<int, List<(int Part, string Key)>>>();
        await foreach (var info in store.ListAsync(LogPaths.LogPrefix(tablePath), ct).ConfigureAwait(false))
        {
            var name = info.Key[(info.Key.LastIndexOf('/') + 1)..];
            if (!LogPaths.TryParse(name, out var parsed))
                continue;
            if (parsed.Kind == LogFileKind.Commit)
            {
                commits[parsed.Version] = new LogCommitFile(parsed.Version, info.Key, info.LastModified);
            }
            else
            {
                var byCount = checkpointParts.TryGetValue(parsed.Version, out var existing) ? existing : checkpointParts[parsed.Version] = [];
                if (!byCount.TryGetValue(parsed.Parts, out var parts))
                    byCount[parsed.Parts] = parts = [];
                parts.Add((parsed.Part, info.Key));
            }
        }

        // A checkpoint counts only when all of its parts are present.
        var checkpoints = new SortedDictionary<long, IReadOnlyList<string>>();
        foreach (var (version, byCount) in checkpointParts)
        {
            foreach (var (count, parts) in byCount)
            {
                if (parts.Select(p => p.Part).Distinct().Count() == count)
                {
                    checkpoints[version] = parts.OrderBy(p => p.Part).Select(p => p.Key).ToList();
                    break;
                }
            }
        }

        return new LogListing(commits, checkpoints);
    }
}

/// <summary>What a listing of <c>_delta_log</c> found.</summary>
internal sealed record LogListing(SortedDictionary<long, LogCommitFile> Commits, SortedDictionary<long, IReadOnlyList<string>> Checkpoints)
{
    public long? LatestVersion =>
        Math.Max(Commits.Count > 0 ? Commits.Keys.Last() : -1, Checkpoints.Count > 0 ? Checkpoints.Keys.Last() : -1) is var v and >= 0 ? v : null;
}
