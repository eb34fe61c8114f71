using CrmSync.Lake;
using CrmSync.Lake.Expressions;

namespace CrmSync.Cli.Bench;

/// <summary>
/// The contact rows in a fixed scrambled write order (position times a prime, modulo the row count), so each file of a
/// table written in that order holds keys from nearly the whole key space, as GUID or email keys do, and min/max stats
/// skip nothing. The same order on every run.
/// </summary>
public sealed class ScrambledOrder
{
    private const long Multiplier = 7_919;
    private readonly long _rows;

    /// <param name="phases">The phases using it, named in the error for a row count the order cannot scramble.</param>
    public ScrambledOrder(long rows, string phases)
    {
        if (rows % Multiplier == 0)
        {
            throw new ArgumentException($"the {phases} phases scramble rows by {Multiplier}; pick a row count that is not a multiple of it");
        }

        _rows = rows;
    }

    /// <summary>The row number written at <paramref name="position"/>: a bijection of [0, rows).</summary>
    public long RowAt(long position) => (long)((UInt128)(ulong)position * Multiplier % (ulong)_rows);

    /// <summary>0.1% of the rows (at least one), at even steps of the write order shifted by <paramref name="offset"/>:
    /// some in every file, as an incremental run's changed records are.</summary>
    public IEnumerable<long> SpreadRows(int offset = 0)
    {
        var count = Math.Max(1, _rows / 1_000);
        return Enumerable.Range(0, (int)count).Select(i => RowAt((i * (_rows / count) + offset) % _rows));
    }

    /// <summary>Looks up the spread rows' keys (<c>contact_id IN (...)</c>, whole rows) and checks every one is found.</summary>
    public async Task<long> LookUpSpreadRowsAsync(DeltaTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var keys = SpreadRows().Select(ContactRowGenerator.Key).ToList();
        long found = 0;
        await foreach (var batch in table.ScanAsync(Expr.In("contact_id", keys), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found += batch.Count;
        }

        if (found != keys.Count)
        {
            throw new InvalidOperationException($"lookup found {found} rows, expected {keys.Count}");
        }

        return found;
    }

    public async IAsyncEnumerable<Row> ContactsAsync()
    {
        for (long position = 0; position < _rows; position++)
        {
            yield return ContactRowGenerator.Contact(RowAt(position));
            if (position % 65_536 == 0)
            {
                await Task.Yield();
            }
        }
    }
}
