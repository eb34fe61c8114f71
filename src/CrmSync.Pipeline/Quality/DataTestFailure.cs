namespace CrmSync.Pipeline.Quality;

/// <summary>One broken data test: the table, the test (unique, not_null, accepted_values, ...) and the offending rows.</summary>
public sealed record DataTestFailure(string Table, string Test, string Detail)
{
    public override string ToString() => $"{Table}: {Test}: {Detail}";
}
