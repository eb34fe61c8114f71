using System.Globalization;
using CrmSync.Lake.Parquet;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Log;

/// <summary>
/// Writes a single-part checkpoint of a snapshot (protocol, metaData, txn, live adds, unexpired removes) as Spark lays it
/// out, built in memory and stored with put-if-absent so readers never see a partial checkpoint; then _last_checkpoint.
/// </summary>
internal static class CheckpointWriter
{
    private static readonly TimeSpan DefaultTombstoneRetention = TimeSpan.FromDays(7);

    public static async Task<long> WriteAsync(IObjectStore store, Snapshot snapshot, DateTimeOffset now, CancellationToken ct)
    {
        var retention = TombstoneRetention(snapshot);
        var cutoff = (now - retention).ToUnixTimeMilliseconds();
        var actions = new List<DeltaAction> { snapshot.Protocol, snapshot.Metadata };
        actions.AddRange(snapshot.Transactions.Select(t => new TransactionAction(t.Key, t.Value, null)));
        actions.AddRange(snapshot.Files);
        actions.AddRange(snapshot.Tombstones.Where(r => (r.DeletionTimestamp ?? 0) > cutoff));

        var buffer = new MemoryStream();
        using (var writer = DataFileWriter.Create(buffer, CheckpointSchema.Schema, rowGroupRows: 100_000))
        {
            var ordinals = Enumerable.Range(0, CheckpointSchema.Schema.Count).ToArray();
            long n = 0;
            foreach (var action in actions)
                writer.Append(CheckpointRows.ToRow(action), ordinals, n++);
            await writer.CloseAsync().ConfigureAwait(false);
        }

        var bytes = buffer.ToArray();
        var key = LogPaths.CheckpointKey(snapshot.TablePath, snapshot.Version);
        // Another writer may have checkpointed the same version: its file is equivalent, keep it.
        await store.PutIfAbsentAsync(key, bytes, ct).ConfigureAwait(false);
        var last = new LastCheckpoint(snapshot.Version, actions.Count, null, snapshot.Files.Count);
        await store.PutAsync(LogPaths.LastCheckpointKey(snapshot.TablePath), last.ToJson(bytes.Length), ct).ConfigureAwait(false);
        return bytes.Length;
    }

    /// <summary><c>delta.deletedFileRetentionDuration</c> ("interval 7 days" form), default 7 days.</summary>
    public static TimeSpan TombstoneRetention(Snapshot snapshot)
    {
        if (!snapshot.Configuration.TryGetValue("delta.deletedFileRetentionDuration", out var text) || text is null)
            return DefaultTombstoneRetention;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 3 && parts[0] == "interval" && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return parts[2].TrimEnd('s') switch
            {
                "day" => TimeSpan.FromDays(n),
                "hour" => TimeSpan.FromHours(n),
                "minute" => TimeSpan.FromMinutes(n),
                "second" => TimeSpan.FromSeconds(n),
                "week" => TimeSpan.FromDays(7 * n),
                _ => DefaultTombstoneRetention,
            };
        }

        return DefaultTombstoneRetention;
    }
}
