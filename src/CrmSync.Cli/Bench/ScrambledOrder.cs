using CrmSync.Lake;

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
