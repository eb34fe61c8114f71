using CrmSync.Core;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>
/// The source records of one unify execution, split into partitions of people so the execution holds one partition's
/// records at a time. A record goes by a stable hash of the normalized match email of its latest version: records that
/// can link by email meet in one partition, where the duplicate rule sees them together. A record without one goes by
/// its own key. The split depends only on immutable bronze rows and the planned bounds, and the hash is the same in every
/// process, so a resumed execution derives the same partitions.
/// </summary>
internal sealed class PersonPartitions
{
    private readonly IReadOnlyDictionary<SourceSystem, HashSet<string>[]> _ids;

    private PersonPartitions(int count, IReadOnlyDictionary<SourceSystem, HashSet<string>[]> ids)
    {
        Count = count;
        _ids = ids;
    }

    public int Count { get; }

    /// <summary>The source ids of <paramref name="system"/> in <paramref name="partition"/>; null (all of them) when there is one partition.</summary>
    public IReadOnlySet<string>? IdsOf(SourceSystem system, int partition) => Count == 1 ? null : _ids[system][partition];

    public static PersonPartitions Single { get; } = new(1, new Dictionary<SourceSystem, HashSet<string>[]>());

    public static async Task<PersonPartitions> SplitAsync(
        StageServices services, int count, IReadOnlyDictionary<SourceSystem, (long After, long Through)> ranges, CancellationToken cancellationToken)
    {
        if (count <= 1)
        {
            return Single;
        }

        var ids = new Dictionary<SourceSystem, HashSet<string>[]>();
        foreach (var (system, (after, through)) in ranges)
        {
            var partitions = Enumerable.Range(0, count).Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
            foreach (var (id, key) in await LatestMatchKeysAsync(services, system, after, through, cancellationToken).ConfigureAwait(false))
            {
                partitions[IndexOf(key, count)].Add(id);
            }

            ids[system] = partitions;
        }

        return new PersonPartitions(count, ids);
    }

    /// <summary>Partition of a match key: FNV-1a over its UTF-16 code units (string.GetHashCode differs per process).</summary>
    public static int IndexOf(string key, int count)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (int)(hash % (ulong)count);
    }

    /// <summary>Per source id in the range: the normalized match email of its latest version, else "system:id".</summary>
    private static async Task<Dictionary<string, string>> LatestMatchKeysAsync(
        StageServices services, SourceSystem system, long after, long through, CancellationToken cancellationToken)
    {
        var matchField = services.Settings.Mappings.MatchField;
        var emailColumn = matchField.SourceName(system);
        var bronze = await services.Catalog.OpenAsync(TableNames.Raw(system), cancellationToken).ConfigureAwait(false);
        var latest = new Dictionary<string, (DateTimeOffset UpdatedAt, long Seq, string? Email)>(StringComparer.Ordinal);
        var filter = Expr.And(Expr.Gt("ingest_seq", after), Expr.Le("ingest_seq", through));
        await foreach (var batch in bronze.ScanAsync(filter, ["source_id", "source_updated_at", "ingest_seq", emailColumn], cancellationToken)
            .ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                var id = (string)row[0]!;
                var version = ((DateTimeOffset)row[1]!, (long)row[2]!, (string?)row[3]);
                if (!latest.TryGetValue(id, out var seen) || (version.Item1, version.Item2).CompareTo((seen.UpdatedAt, seen.Seq)) > 0)
                {
                    latest[id] = version;
                }
            }
        }

        var prefix = SourceSystemNames.Of(system) + ":";
        return latest.ToDictionary(
            kv => kv.Key,
            kv => services.Normalizer.Normalize(matchField, kv.Value.Email).Value ?? prefix + kv.Key,
            StringComparer.Ordinal);
    }
}
