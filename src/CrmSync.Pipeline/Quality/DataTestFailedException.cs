namespace CrmSync.Pipeline.Quality;

/// <summary>A data test failed after a stage wrote its table: the stage fails, naming every broken test.</summary>
public sealed class DataTestFailedException(IReadOnlyList<DataTestFailure> failures)
    : Exception("Data tests failed:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", failures))
{
    public IReadOnlyList<DataTestFailure> Failures { get; } = failures;
}
