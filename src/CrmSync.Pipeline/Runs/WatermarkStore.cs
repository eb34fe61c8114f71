using System.Globalization;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Runs;

/// <summary>meta.watermarks: read a stream's position; write it idempotently per stage execution (Delta txn).</summary>
public sealed class WatermarkStore(LakeCatalog catalog)
{
    public const string HubSpotContacts = "hubspot.contacts";
    public const string DynamicsContacts = "dynamics.contacts";

    public async Task<Watermark?> GetAsync(string stream, CancellationToken cancellationToken)
    {
        var table = await catalog.OpenAsync(TableNames.Watermarks, cancellationToken).ConfigureAwait(false);
        var rows = await table.ToListAsync(Expr.Eq("stream", stream), cancellationToken: cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : new Watermark(stream, (DateTimeOffset?)rows[0]["watermark"], (string?)rows[0]["cursor"],
            (DateTimeOffset)rows[0]["updated_at"]!, (string)rows[0]["run_id"]!);
    }

    /// <summary>A stream whose cursor is a sequence number (bronze ingest_seq, unify_seq): its value, or
    /// <paramref name="initial"/> before the stream's first write.</summary>
    public async Task<long> GetSequenceAsync(string stream, long initial, CancellationToken cancellationToken)
    {
        var watermark = await GetAsync(stream, cancellationToken).ConfigureAwait(false);
        return watermark?.Cursor is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : initial;
    }

    public async Task<IReadOnlyList<Watermark>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await catalog.OpenAsync(TableNames.Watermarks, cancellationToken).ConfigureAwait(false);
        var rows = await table.ToListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new Watermark((string)r["stream"]!, (DateTimeOffset?)r["watermark"], (string?)r["cursor"],
            (DateTimeOffset)r["updated_at"]!, (string)r["run_id"]!)).OrderBy(w => w.Stream, StringComparer.Ordinal)];
    }

    /// <summary>Writes the watermarks; <paramref name="txn"/> makes a replay of the same stage execution a no-op.</summary>
    public async Task SetAsync(IReadOnlyList<Watermark> watermarks, TransactionId txn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watermarks);
        var table = await catalog.OpenAsync(TableNames.Watermarks, cancellationToken).ConfigureAwait(false);
        var schema = catalog.Schemas[TableNames.Watermarks];
        var rows = watermarks.Select(w => new RowDraft(schema)
        {
            ["stream"] = w.Stream,
            ["watermark"] = w.Value,
            ["cursor"] = w.Cursor,
            ["updated_at"] = w.UpdatedAt,
            ["run_id"] = w.RunId,
        }.ToRow()).ToList();
        await table.MergeAsync(rows, ["stream"], new MergeOptions { Txn = txn }, cancellationToken).ConfigureAwait(false);
    }
}
