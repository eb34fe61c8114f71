namespace CrmSync.Lake.Parquet;

/// <summary>
/// Which rows of one data file a read returns: those not deleted (by position in the file, e.g. from a deletion vector)
/// and, when a predicate is given, those it accepts. The predicate sees only <see cref="PredicateColumns"/> (other
/// columns null) and runs before any other column is converted, so a selective scan pays for the rows it returns.
/// </summary>
internal sealed class RowSelection(Func<Row, bool?>? predicate, IReadOnlyCollection<string> predicateColumns, Func<long, bool>? isDeleted)
{
    public Func<Row, bool?>? Predicate { get; } = predicate;

    /// <summary>Columns (of the read schema) the predicate reads.</summary>
    public IReadOnlyCollection<string> PredicateColumns { get; } = predicateColumns;

    /// <summary>True for a row position (0-based in the file) that is deleted.</summary>
    public Func<long, bool>? IsDeleted { get; } = isDeleted;
}
