namespace CrmSync.Lake.DeletionVectors;

/// <summary>
/// The content of a deletion vector: distinct row indexes (positions of rows in their data file, from 0), kept sorted so
/// a scan streaming the file in order can test each row with a forward-moving cursor.
/// </summary>
internal sealed class RowIndexSet
{
    public static readonly RowIndexSet Empty = new([]);

    private readonly long[] _sorted;

    private RowIndexSet(long[] sortedDistinct) => _sorted = sortedDistinct;

    public int Count => _sorted.Length;

    /// <summary>The row indexes in ascending order.</summary>
    public ReadOnlySpan<long> Values => _sorted;

    /// <summary>A set of any row indexes (in any order, duplicates allowed); all must be non-negative.</summary>
    public static RowIndexSet Of(IEnumerable<long> rowIndexes)
    {
        var values = rowIndexes.ToArray();
        Array.Sort(values);
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(rowIndexes), values[i], "Row indexes are never negative.");
            if (count == 0 || values[count - 1] != values[i])
                values[count++] = values[i];
        }

        return new RowIndexSet(count == values.Length ? values : values[..count]);
    }

    /// <summary>Wraps indexes already sorted ascending and distinct (as a bitmap decodes them).</summary>
    public static RowIndexSet FromSorted(long[] sortedDistinct) => new(sortedDistinct);

    /// <summary>Span search: Array.BinarySearch goes through a comparer, which cost a third of a key lookup's CPU on a
    /// table with deletion vectors.</summary>
    public bool Contains(long rowIndex) => _sorted.AsSpan().BinarySearch(rowIndex) >= 0;

    public RowIndexSet Union(RowIndexSet other)
    {
        if (other.Count == 0)
            return this;
        if (Count == 0)
            return other;
        var merged = new long[_sorted.Length + other._sorted.Length];
        int a = 0, b = 0, n = 0;
        while (a < _sorted.Length || b < other._sorted.Length)
        {
            long next;
            if (b == other._sorted.Length || (a < _sorted.Length && _sorted[a] < other._sorted[b]))
                next = _sorted[a++];
            else if (a == _sorted.Length || other._sorted[b] < _sorted[a])
                next = other._sorted[b++];
            else
            {
                next = _sorted[a++];
                b++;
            }

            merged[n++] = next;
        }

        return new RowIndexSet(n == merged.Length ? merged : merged[..n]);
    }
}
