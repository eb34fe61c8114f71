using System.Globalization;
using System.Runtime.CompilerServices;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Stages.Unify;

namespace CrmSync.Pipeline.Stages;

/// <summary>
/// The silver.contacts_unified rows a downstream stage (scd2, compute-deltas) has not consumed: unify_seq after the
/// stream's cursor in meta.watermarks. They come in chunks of about lake.partition_rows rows, cut between unify_seq
/// values (a unify partition is never split), so the stage holds one chunk at a time. The chunk bounds are planned once
/// and kept with the execution: a resumed one replays the same chunks with the same txn parts (a row can only leave a
/// chunk for a later unify_seq, never enter one), and the cursor moves after each chunk.
/// </summary>
internal sealed class UnifiedChanges(StageServices services, string stream)
{
    private const string BoundsParameter = "unify_seq_bounds";

    public UnifiedRowMapper Mapper { get; } = new(services.Settings.Mappings, services.Catalog.Schemas[TableNames.Unified]);

    /// <summary>The chunk bounds (inclusive upper unify_seq of each chunk) from the cursor to the newest unify.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PlanAsync(CancellationToken cancellationToken)
    {
        var bounds = await PlanBoundsAsync(await ReadCursorAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [BoundsParameter] = string.Join(',', bounds.Select(b => b.ToString(CultureInfo.InvariantCulture))),
        };
    }

    /// <summary>The chunks after the cursor, in order; the caller processes each, then <see cref="CommitAsync"/>s it.
    /// <paramref name="columns"/> null reads every column.</summary>
    public async IAsyncEnumerable<UnifiedChunk> ReadAsync(
        StageContext context, IReadOnlyList<string>? columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cursor = await ReadCursorAsync(cancellationToken).ConfigureAwait(false);
        var bounds = context.Parameters.TryGetValue(BoundsParameter, out var text)
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(b => long.Parse(b, CultureInfo.InvariantCulture)).ToList()
            : await PlanBoundsAsync(cursor, cancellationToken).ConfigureAwait(false); // planned before chunks existed
        var unified = await services.Catalog.OpenAsync(TableNames.Unified, cancellationToken).ConfigureAwait(false);
        for (var part = 0; part < bounds.Count; part++)
        {
            if (bounds[part] <= cursor)
            {
                continue; // committed before a crash
            }

            var filter = Expr.And(Expr.Gt("unify_seq", cursor), Expr.Le("unify_seq", bounds[part]));
            var rows = await unified.ToListAsync(filter, columns, cancellationToken).ConfigureAwait(false);
            yield return new UnifiedChunk(part, rows, bounds[part]);
            cursor = bounds[part];
        }
    }

    public Task CommitAsync(StageContext context, UnifiedChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(chunk);
        return services.Watermarks.SetAsync(
            [new Watermark(stream, null, chunk.Through.ToString(CultureInfo.InvariantCulture), services.Clock.GetUtcNow(), context.RunId)],
            context.Txn(TableNames.Watermarks, chunk.Part), cancellationToken);
    }

    private Task<long> ReadCursorAsync(CancellationToken cancellationToken) => services.Watermarks.GetSequenceAsync(stream, 0, cancellationToken);

    /// <summary>Counts rows per unify_seq after the cursor (one column of the files its stats keep) and cuts them into
    /// chunks of about lake.partition_rows rows.</summary>
    private async Task<List<long>> PlanBoundsAsync(long cursor, CancellationToken cancellationToken)
    {
        var unified = await services.Catalog.OpenAsync(TableNames.Unified, cancellationToken).ConfigureAwait(false);
        var counts = new SortedDictionary<long, long>();
        await foreach (var batch in unified.ScanAsync(Expr.Gt("unify_seq", cursor), ["unify_seq"], cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                var seq = (long)row[0]!;
                counts[seq] = counts.GetValueOrDefault(seq) + 1;
            }
        }

        var bounds = new List<long>();
        long inChunk = 0, last = cursor;
        foreach (var (seq, rows) in counts)
        {
            if (inChunk > 0 && inChunk + rows > services.Settings.Sources.PartitionRows)
            {
                bounds.Add(last);
                inChunk = 0;
            }

            inChunk += rows;
            last = seq;
        }

        if (inChunk > 0)
        {
            bounds.Add(last);
        }

        return bounds;
    }
}
