namespace CrmSync.Pipeline.Operations.Convergence;

/// <summary>The outcome of comparing both CRMs field by field through the crosswalk.</summary>
/// <param name="PeopleCompared">Linked people whose bi fields were compared.</param>
/// <param name="FieldsCompared">Bi field values compared (people × fields).</param>
/// <param name="FieldsAgreeing">Of those, equal after normalization.</param>
public sealed record ConvergenceReport(
    int PeopleCompared,
    int FieldsCompared,
    int FieldsAgreeing,
    IReadOnlyList<ConvergenceFinding> Explained,
    IReadOnlyList<ConvergenceFinding> Unexplained,
    IReadOnlyList<ExcludedRecord> Excluded)
{
    /// <summary>True when every disagreement has a known reason.</summary>
    public bool Converged => Unexplained.Count == 0;
}
