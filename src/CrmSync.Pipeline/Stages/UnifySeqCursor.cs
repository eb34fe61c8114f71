using System.Globalization;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Stages.Unify;

namespace CrmSync.Pipeline.Stages;

/// <summary>
/// A consumer's position in silver.contacts_unified: the last unify_seq it processed, kept in meta.watermarks
/// under the consumer's stream name. Reading the rows after it touches only the files unify rewrote since
/// (pruned by the column's min/max stats).
/// </summary>
internal sealed class UnifySeqCursor(StageServices services, string stream)
{
    public string Stream => stream;

    public async Task<(List<Row> Rows, long Position)> ReadChangedAsync(CancellationToken cancellationToken)
    {
        var watermark = await services.Watermarks.GetAsync(stream, cancellationToken).ConfigureAwait(false);
        var position = watermark?.Cursor is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : 0;
        var unified = await services.Catalog.OpenAsync(TableNames.Unified, cancellationToken).ConfigureAwait(false);
        var rows = await unified.ToListAsync(Expr.Gt("unify_seq", position), cancellationToken: cancellationToken).ConfigureAwait(false);
        var next = rows.Count == 0 ? position : rows.Max(r => (long)r["unify_seq"]!);
        return (rows, next);
    }

    public Task SaveAsync(StageContext context, long position, CancellationToken cancellationToken) =>
        services.Watermarks.SetAsync(
            [new Watermark(stream, null, position.ToString(CultureInfo.InvariantCulture), services.Clock.GetUtcNow(), context.RunId)],
            context.Txn(TableNames.Watermarks), cancellationToken);

    public UnifiedRowMapper Mapper { get; } = new(services.Settings.Mappings, services.Catalog.Schemas[TableNames.Unified]);
}
