using System.Globalization;
using CrmSync.Core;
using CrmSync.Core.ChangeTracking;
using CrmSync.Core.Contacts;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Quality;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>
/// Brings silver.{crm}_contacts_snapshot up to date from a slice of the bronze rows added since the last processed
/// ingest_seq (files pruned by the column's stats, so the cost follows the change): latest version per source id
/// (updated_at, ties by ingest order), deletes kept flagged, per-field change times from Core's tracker. Only
/// rows whose state changed are merged and passed on; re-read versions (the ingest lookback overlap) change nothing
/// and cost nothing downstream.
/// </summary>
internal sealed class SnapshotUpdater(StageServices services, SourceSystem system)
{
    private readonly SnapshotRowMapper _mapper = new(system, services.Settings.Mappings, services.Normalizer,
        services.Catalog.Schemas[TableNames.Snapshot(system)]);

    /// <summary>meta.watermarks stream holding the last bronze ingest_seq this table consumed.</summary>
    public string Stream => TableNames.Snapshot(system);

    public SnapshotRowMapper Mapper => _mapper;

    /// <summary>The last bronze ingest_seq this table consumed (-1 before the first unify).</summary>
    public Task<long> ReadCursorAsync(CancellationToken cancellationToken) => services.Watermarks.GetSequenceAsync(Stream, -1, cancellationToken);

    /// <summary>How many bronze rows follow <paramref name="after"/>, and the highest ingest_seq among them
    /// (<paramref name="after"/> when none). Reads one column of the files the range's stats keep.</summary>
    public async Task<(long Rows, long Through)> PendingAsync(long after, CancellationToken cancellationToken)
    {
        var bronze = await services.Catalog.OpenAsync(TableNames.Raw(system), cancellationToken).ConfigureAwait(false);
        long rows = 0, through = after;
        await foreach (var batch in bronze.ScanAsync(Expr.Gt("ingest_seq", after), ["ingest_seq"], cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                rows++;
                through = Math.Max(through, (long)row[0]!);
            }
        }

        return (rows, through);
    }

    /// <summary>Merges <paramref name="versions"/> (from <see cref="ReadVersionsAsync"/>) into the snapshot (txn part
    /// <paramref name="part"/>). <paramref name="alsoRead"/>: records whose snapshots the caller needs besides (the
    /// people's other records), read in the same lookup.</summary>
    public async Task<SnapshotBatch> RunAsync(StageContext context, Dictionary<string, List<(SourceContact Version, long Seq)>> versions,
        IEnumerable<string> alsoRead, long part, CancellationToken cancellationToken)
    {
        var ids = alsoRead.ToHashSet(StringComparer.Ordinal);
        ids.UnionWith(versions.Keys);
        var existing = await LoadExistingAsync(ids, cancellationToken).ConfigureAwait(false);

        var tracker = new FieldChangeTracker(services.Settings.Mappings, services.Normalizer);
        var touched = new Dictionary<string, ContactSnapshot>(versions.Count, StringComparer.Ordinal);
        var rows = new List<Row>();
        long versionsRead = 0;
        foreach (var (id, list) in versions)
        {
            existing.TryGetValue(id, out var previous);
            var current = previous.Snapshot;
            var raw = previous.Extras?.Raw;
            var changed = false;
            // Mostly one version per record: no ordering to do.
            IEnumerable<(SourceContact Version, long Seq)> ordered = list.Count == 1 ? list : list.OrderBy(v => v.Version.UpdatedAt).ThenBy(v => v.Seq);
            foreach (var (version, _) in ordered)
            {
                versionsRead++;
                var update = tracker.Apply(current, version);
                if (update.IsStale)
                {
                    continue;
                }

                changed |= update.IsChanged(current) || update.Snapshot.UpdatedAt != current?.UpdatedAt;
                current = update.Snapshot;
                raw = version.Values;
            }

            if (changed || context.IsResumed)
            {
                // A resumed execution cannot tell whether its earlier attempt already merged this row: pass it on.
                touched[id] = current!;
            }

            if (changed)
            {
                rows.Add(_mapper.ToRow(current!, new SnapshotExtras(raw!, previous.Extras?.FirstSeenAt ?? context.StartedAt), context.RunId));
            }
        }

        var table = TableNames.Snapshot(system);
        new DataTests(table, rows)
            .Unique("source_id")
            .NotNull("source_id", "source_updated_at", "is_deleted", "first_seen_at", "last_run_id")
            .ThrowIfFailed();
        if (rows.Count > 0)
        {
            var snapshotTable = await services.Catalog.OpenAsync(table, cancellationToken).ConfigureAwait(false);
            await snapshotTable.MergeAsync(rows, ["source_id"], new MergeOptions { Txn = context.Txn(table, part) }, cancellationToken).ConfigureAwait(false);
        }

        var after = new Dictionary<string, ContactSnapshot>(touched, StringComparer.Ordinal);
        foreach (var (id, (snapshot, _)) in existing)
        {
            after.TryAdd(id, snapshot!);
        }

        return new SnapshotBatch(touched, after, versionsRead, rows.Count);
    }

    /// <summary>The versions in <paramref name="slice"/> by source id, in ingest order.</summary>
    public async Task<Dictionary<string, List<(SourceContact Version, long Seq)>>> ReadVersionsAsync(BronzeSlice slice, CancellationToken cancellationToken)
    {
        if (slice.IsEmpty)
        {
            return new Dictionary<string, List<(SourceContact Version, long Seq)>>(StringComparer.Ordinal);
        }

        var bronze = await services.Catalog.OpenAsync(TableNames.Raw(system), cancellationToken).ConfigureAwait(false);
        var columns = bronze.Schema.Fields.Select(f => f.Name).Where(n => n is not ("payload" or "payload_hash")).ToList();
        var versions = new Dictionary<string, List<(SourceContact, long)>>(StringComparer.Ordinal);
        await foreach (var batch in bronze.ScanAsync(slice.Filter, columns, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                var version = _mapper.ToSourceContact(row);
                if (!versions.TryGetValue(version.Id, out var list))
                {
                    versions[version.Id] = list = new List<(SourceContact, long)>(1);
                }

                list.Add((version, (long)row["ingest_seq"]!));
            }
        }

        foreach (var list in versions.Values)
        {
            list.Sort((a, b) => a.Item2.CompareTo(b.Item2));
        }

        return versions;
    }

    private async Task<Dictionary<string, (ContactSnapshot? Snapshot, SnapshotExtras? Extras)>> LoadExistingAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken, bool withChangeTimes = true)
    {
        var found = new Dictionary<string, (ContactSnapshot?, SnapshotExtras?)>(StringComparer.Ordinal);
        var table = await services.Catalog.OpenAsync(TableNames.Snapshot(system), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string>? columns = withChangeTimes ? null : [.. table.Schema.Fields.Select(f => f.Name).Where(n => n != "field_changed_at")];
        await foreach (var row in KeyLookup.ScanAsync(table, "source_id", ids, columns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var (snapshot, extras) = _mapper.ToSnapshot(row);
            found[snapshot.SourceId] = (snapshot, extras);
        }

        return found;
    }

    /// <summary>Current snapshots of the given records (for people whose other record changed). Without change times
    /// (<paramref name="withChangeTimes"/> false) the per-field change map is not read: comparing values needs no times.</summary>
    public async Task<Dictionary<string, ContactSnapshot>> LoadAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken,
        bool withChangeTimes = true)
    {
        var found = await LoadExistingAsync(ids, cancellationToken, withChangeTimes).ConfigureAwait(false);
        return found.ToDictionary(kv => kv.Key, kv => kv.Value.Snapshot!, StringComparer.Ordinal);
    }
}
