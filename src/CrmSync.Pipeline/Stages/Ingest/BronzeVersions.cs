using CrmSync.Lake;
using CrmSync.Lake.Expressions;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>
/// The record versions bronze already holds from a time on: what an incremental read's lookback re-reads. A version is
/// its source id, updated_at, is_deleted and payload hash: Dataverse's modifiedon has whole seconds, so two edits within
/// one second share a time and only the payload tells them apart. Reads bronze's payload_hash column, not the payloads,
/// and reads the four columns as Parquet decodes them (ids hashed from their UTF-8 bytes): no object per row, since the
/// lookback can hold about every record after a large push.
/// </summary>
internal sealed class BronzeVersions
{
    private static readonly BronzeVersions None = new(new UInt128Set());
    private static readonly string[] VersionColumns = ["source_id", "source_updated_at", "is_deleted", "payload_hash"];
    private readonly UInt128Set _versions;

    private BronzeVersions(UInt128Set versions) => _versions = versions;

    public static async Task<BronzeVersions> SinceAsync(DeltaTable bronze, DateTimeOffset? from, CancellationToken cancellationToken)
    {
        if (from is not { } start)
        {
            return None;
        }

        var since = Expr.Ge("source_updated_at", start);
        var startMicros = Micros(start);
        var versions = new UInt128Set();
        await foreach (var batch in bronze.ScanColumnsAsync(VersionColumns, since, cancellationToken).ConfigureAwait(false))
        {
            // The filter only skipped files: rows before the window, deleted ones and null hashes are left out here.
            for (var r = 0; r < batch.Count; r++)
            {
                if (batch.IsDeleted(r) || batch.IsNull(0, r) || batch.IsNull(1, r) || batch.IsNull(3, r))
                {
                    continue;
                }

                var micros = batch.GetTimestampMicros(1, r);
                if (micros >= startMicros)
                {
                    versions.Add(Fingerprint(SourceIdHash.Of(batch.GetUtf8(0, r)), micros, batch.GetBoolean(2, r), batch.GetInt64(3, r)));
                }
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
                    versions.Add(Fingerprint(SourceIdHash.Of((string)row[0]!), Micros((DateTimeOffset)row[1]!), (bool)row[2]!, PayloadHash.Of(payload)));
                }
            }
        }

        return new BronzeVersions(versions);
    }

    /// <summary>Versions held: about the records the lookback re-reads.</summary>
    public int Count => _versions.Count;

    /// <param name="idHash">The record's <see cref="SourceIdHash"/>.</param>
    /// <param name="payloadHash">The record's <see cref="PayloadHash"/>.</param>
    public bool Contains(UInt128 idHash, DateTimeOffset updatedAt, bool isDeleted, long payloadHash) =>
        _versions.Count > 0 && _versions.Contains(Fingerprint(idHash, Micros(updatedAt), isDeleted, payloadHash));

    /// <summary>
    /// A version in 128 bits, so the set (up to the whole lookback: ~900k versions after a large push at 1M) holds no
    /// string and half the bytes of a four-field key: the id's hash XOR the rest of the version laid out exactly (time
    /// and is_deleted in the upper half, payload hash in the lower). So two versions of one record differ whenever their
    /// time, is_deleted or payload hash do; a version is wrongly taken as held only when its payload hash collides with
    /// another version of the same record at the same microsecond, or by a 128-bit coincidence with another record's.
    /// </summary>
    private static UInt128 Fingerprint(UInt128 idHash, long updatedAtMicros, bool isDeleted, long payloadHash) =>
        idHash ^ new UInt128(((ulong)updatedAtMicros << 1) | (isDeleted ? 1UL : 0UL), (ulong)payloadHash);

    /// <summary>Bronze keeps microseconds since the Unix epoch: times compare at that precision.</summary>
    private static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
