using System.Runtime.CompilerServices;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Stages.Deltas;

namespace CrmSync.Pipeline.Stages.Push;

/// <summary>
/// The outbox rows one push sends: PENDING ones, and FAILED ones whose next attempt is due; oldest first (by created_at,
/// then outbox_id, so the order does not depend on how the table's files are laid out). Only their keys are held; whole
/// rows are read a page (lake.partition_rows) at a time by outbox_id, so a push of a million rows holds one page, not the
/// outbox. A page's keys are spread over the files, so each page reads the key column of the open rows' files.
/// </summary>
internal sealed class DueRows
{
    private static readonly string[] KeyColumns = ["outbox_id", "created_at", "status", "next_attempt_at", "operation"];
    private readonly List<(string OutboxId, string Operation)> _keys;

    private DueRows(List<(string OutboxId, string Operation)> keys) => _keys = keys;

    public int Count => _keys.Count;

    /// <summary>Due rows per operation (for --dry-run).</summary>
    public IReadOnlyDictionary<string, long> CountByOperation() =>
        _keys.GroupBy(k => k.Operation, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

    public static async Task<DueRows> FindAsync(DeltaTable outbox, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = new List<(DateTimeOffset CreatedAt, string OutboxId, string Operation)>();
        await foreach (var batch in outbox.ScanAsync(Expr.In("status", OutboxStatus.Open), KeyColumns, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                if ((string)row[2]! == OutboxStatus.Pending || row[3] is not DateTimeOffset at || at <= now)
                {
                    due.Add(((DateTimeOffset)row[1]!, (string)row[0]!, (string)row[4]!));
                }
            }
        }

        due.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.OutboxId, b.OutboxId));
        return new DueRows([.. due.Select(d => (d.OutboxId, d.Operation))]);
    }

    /// <summary>The due rows, whole, in order, <paramref name="pageSize"/> at a time; each page is read from the table as it is
    /// then (the caller's outcome writes in between are seen), and a row no longer open is left out.</summary>
    public async IAsyncEnumerable<IReadOnlyList<Row>> PagesAsync(
        LakeCatalog catalog, string table, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var page in _keys.Chunk(pageSize))
        {
            var outbox = await catalog.OpenAsync(table, cancellationToken).ConfigureAwait(false);
            var ids = page.Select(k => k.OutboxId).ToHashSet(StringComparer.Ordinal);
            var found = new Dictionary<string, Row>(ids.Count, StringComparer.Ordinal);
            await foreach (var row in KeyLookup.ScanAsync(outbox, "outbox_id", ids, extraFilter: Expr.In("status", OutboxStatus.Open), cancellationToken: cancellationToken)
                .ConfigureAwait(false))
            {
                found[(string)row["outbox_id"]!] = row;
            }

            yield return [.. page.Select(k => found.GetValueOrDefault(k.OutboxId)).OfType<Row>()];
        }
    }
}
