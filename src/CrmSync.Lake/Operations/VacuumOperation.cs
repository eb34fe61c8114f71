using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>
/// Deletes data files no version within the retention period needs: never a file of the current snapshot; a removed
/// file only once its deletionTimestamp is older than the retention; an orphan (never committed) only once its
/// modification time is older than the retention (it may belong to a write still in flight). Deletion vector files count
/// like data files: kept while a live file or an unexpired tombstone refers to them. A key index sidecar goes with its data
/// file, and once older than the retention when its data file is gone (another engine's vacuum, or a failed write).
/// </summary>
internal static class VacuumOperation
{
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);

    public static async Task<VacuumResult> RunAsync(IObjectStore store, Snapshot snapshot, TimeSpan retention, bool dryRun,
        bool allowShortRetention, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retention.Ticks, nameof(retention));
        if (retention < DefaultRetention && !allowShortRetention)
            throw new ArgumentException(
                $"Vacuum retention {retention} is shorter than the safe minimum of {DefaultRetention.TotalDays} days: files of " +
                "recent versions or of writes in progress could be deleted. Pass allowShortRetention: true to do it anyway.",
                nameof(retention));

        var cutoff = now - retention;
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in snapshot.Files)
            Keep(keep, file.DecodedPath, file.DeletionVector);
        foreach (var tombstone in snapshot.Tombstones)
        {
            if ((tombstone.DeletionTimestamp ?? 0) > cutoffMs)
                Keep(keep, tombstone.DecodedPath, tombstone.DeletionVector);
        }

        var prefix = snapshot.TablePath.Length == 0 ? "" : snapshot.TablePath.TrimEnd('/') + "/";
        var doomed = new List<(string Relative, long Size)>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        var sidecars = new List<(string Relative, string DataFile, long Size, DateTimeOffset LastModified)>();
        await foreach (var info in store.ListAsync(prefix, ct).ConfigureAwait(false))
        {
            var relative = info.Key[prefix.Length..];
            present.Add(relative);
            if (KeyIndexFile.TryGetDataFile(relative, out var dataFile))
                sidecars.Add((relative, dataFile, info.Size, info.LastModified));
            if (IsHidden(relative) || keep.Contains(relative) || info.LastModified > cutoff)
                continue;
            doomed.Add((relative, info.Size));
        }

        var doomedDataFiles = doomed.Select(d => d.Relative).ToHashSet(StringComparer.Ordinal);
        foreach (var (relative, dataFile, size, lastModified) in sidecars)
        {
            var orphan = !present.Contains(dataFile) && !keep.Contains(dataFile) && lastModified <= cutoff;
            if (doomedDataFiles.Contains(dataFile) || orphan)
                doomed.Add((relative, size));
        }

        doomed.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        if (!dryRun)
        {
            foreach (var (relative, _) in doomed)
                await store.DeleteAsync(prefix + relative, ct).ConfigureAwait(false);
        }

        return new VacuumResult(dryRun, doomed.Select(d => d.Relative).ToList(), doomed.Sum(d => d.Size));
    }

    private static void Keep(HashSet<string> keep, string dataFile, DeletionVectorDescriptor? deletionVector)
    {
        keep.Add(dataFile);
        if (deletionVector?.StorageType == DeletionVectorDescriptor.RelativePathStorage)
            keep.Add(deletionVector.RelativePath);
    }

    /// <summary>The log and hidden files ('.'/'_' names, as Spark's vacuum) are never data files; partition directories
    /// (containing '=') may start with '_'.</summary>
    private static bool IsHidden(string relative)
    {
        var parts = relative.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var isDirectory = i < parts.Length - 1;
            if (part.StartsWith('.') || (part.StartsWith('_') && !(isDirectory && part.Contains('=', StringComparison.Ordinal))))
                return true;
        }

        return false;
    }
}
