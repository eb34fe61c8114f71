namespace CrmSync.Lake.Parquet;

/// <summary>
/// Which rows of one data file a read returns: those not deleted (by position in the file, e.g. from a deletion vector)
/// and, when a predicate is given, those it accepts. The predicate sees only <see cref="PredicateColumns"/> (other
/// columns null) and runs before any other column is converted, so a selective scan pays for the rows it returns; a
/// <see cref="KeyProbe"/> narrows the rows the predicate sees without converting their keys.
/// </summary>
internal sealed class RowSelection(
    Func<Row, bool?>? predicate, IReadOnlyCollection<string> predicateColumns, Func<long, bool>? isDeleted, Utf8KeyProbe? keyProbe = null)
{
    public Func<Row, bool?>? Predicate { get; } = predicate;

    /// <summary>Columns (of the read schema) the predicate reads.</summary>
    public IReadOnlyCollection<string> PredicateColumns { get; } = predicateColumns;

    /// <summary>True for a row position (0-based in the file) that is deleted.</summary>
    public Func<long, bool>? IsDeleted { get; } = isDeleted;

    /// <summary>A necessary condition of the predicate checked on raw UTF-8 keys first (null: none).</summary>
    public Utf8KeyProbe? KeyProbe { get; } = keyProbe;

    /// <summary>The same selection, also skipping the positions <paramref name="isDeleted"/> reports.</summary>
    public RowSelection WithDeleted(Func<long, bool> isDeleted) => new(Predicate, PredicateColumns, isDeleted, KeyProbe);
}
