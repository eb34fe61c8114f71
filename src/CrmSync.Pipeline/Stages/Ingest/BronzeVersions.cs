using CrmSync.Lake;
using CrmSync.Lake.Expressions;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>
/// The record versions bronze already holds from a time on: what an incremental read's lookback re-reads. A version is
/// its source id, updated_at, is_deleted and raw payload: Dataverse's modifiedon has whole seconds, so two edits within
/// one second share a time and only the payload tells them apart. Payloads are compared by length and a hash (equal in
/// one process); a mismatch only means the version is written again, as it was before this check existed.
/// </summary>
internal sealed class BronzeVersions
{
    private static readonly BronzeVersions None = new([]);
    private readonly HashSet<(string Id, long Micros, bool IsDeleted, int PayloadLength, int PayloadHash)> _versions;

    private BronzeVersions(HashSet<(string, long, bool, int, int)> versions) => _versions = versions;

    public static async Task<BronzeVersions> SinceAsync(DeltaTable bronze, DateTimeOffset? from, CancellationToken cancellationToken)
    {
        if (from is not { } start)
        {
            return None;
        }

        var versions = new HashSet<(string, long, bool, int, int)>();
        await foreach (var batch in bronze.ScanAsync(Expr.Ge("source_updated_at", start), ["source_id", "source_updated_at", "is_deleted", "payload"], cancellationToken)
            .ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                versions.Add(Key((string)row[0]!, (DateTimeOffset)row[1]!, (bool)row[2]!, (string?)row[3]));
            }
        }

        return new BronzeVersions(versions);
    }

    public bool Contains(string id, DateTimeOffset updatedAt, bool isDeleted, string? payload) =>
        _versions.Count > 0 && _versions.Contains(Key(id, updatedAt, isDeleted, payload));

    /// <summary>Bronze keeps microseconds: times compare at that precision.</summary>
    private static (string, long, bool, int, int) Key(string id, DateTimeOffset updatedAt, bool isDeleted, string? payload) =>
        (id, updatedAt.UtcTicks / 10, isDeleted, payload?.Length ?? -1, payload?.GetHashCode(StringComparison.Ordinal) ?? 0);
}
