using System.IO.Hashing;
using System.Runtime.InteropServices;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>
/// The record versions bronze already holds from a time on: what an incremental read's lookback re-reads. A version is
/// its source id, updated_at, is_deleted and payload hash: Dataverse's modifiedon has whole seconds, so two edits within
/// one second share a time and only the payload tells them apart. Reads bronze's payload_hash column, not the payloads.
/// </summary>
internal sealed class BronzeVersions
{
    private static readonly BronzeVersions None = new([]);
    private readonly HashSet<VersionKey> _versions;

    private BronzeVersions(HashSet<VersionKey> versions) => _versions = versions;

    public static async Task<BronzeVersions> SinceAsync(DeltaTable bronze, DateTimeOffset? from, CancellationToken cancellationToken)
    {
        if (from is not { } start)
        {
            return None;
        }

        var since = Expr.Ge("source_updated_at", start);
        var versions = new HashSet<VersionKey>();
        await foreach (var batch in bronze.ScanAsync(since & Expr.IsNotNull("payload_hash"),
            ["source_id", "source_updated_at", "is_deleted", "payload_hash"], cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                versions.Add(VersionKey.Of((string)row[0]!, (DateTimeOffset)row[1]!, (bool)row[2]!, (long)row[3]!));
            }
        }

        // Rows written before bronze had payload_hash (a lake made by an older CrmSync) are hashed from their payload, so
        // the first run after the upgrade does not write its whole lookback again. Files written since hold no null hash
        // and are skipped by their stats, and the older files drop out of the window once the watermark passes them.
        await foreach (var batch in bronze.ScanAsync(since & Expr.IsNull("payload_hash"),
            ["source_id", "source_updated_at", "is_deleted", "payload"], cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                if (row[3] is string payload)
                {
                    versions.Add(VersionKey.Of((string)row[0]!, (DateTimeOffset)row[1]!, (bool)row[2]!, PayloadHash.Of(payload)));
                }
            }
        }

        return new BronzeVersions(versions);
    }

    /// <param name="payloadHash">The record's <see cref="PayloadHash"/>.</param>
    public bool Contains(string id, DateTimeOffset updatedAt, bool isDeleted, long payloadHash) =>
        _versions.Count > 0 && _versions.Contains(VersionKey.Of(id, updatedAt, isDeleted, payloadHash));

    /// <summary>
    /// A version in 32 bytes with no string kept (the set holds up to the whole lookback: ~700k versions after a large push
    /// at 1M): the id as a 64-bit hash. A version is wrongly taken as held only when its payload hash collides with another
    /// version of the same record at the same microsecond, or both hashes collide with another record's.
    /// </summary>
    private readonly record struct VersionKey(long IdHash, long Micros, long PayloadHash, bool IsDeleted)
    {
        /// <summary>Bronze keeps microseconds: times compare at that precision.</summary>
        public static VersionKey Of(string id, DateTimeOffset updatedAt, bool isDeleted, long payloadHash) =>
            new(unchecked((long)XxHash64.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()))), updatedAt.UtcTicks / 10, payloadHash, isDeleted);
    }
}
