using System.Globalization;
using CrmSync.Lake;

namespace CrmSync.Pipeline.Quality;

/// <summary>
/// dbt-style data tests over the rows a stage wrote (or re-read by the keys it touched), so their cost
/// follows the change, not the table: unique, not_null, accepted_values, plus custom row checks.
/// Collects every failure, then <see cref="ThrowIfFailed"/> fails the stage with all of them.
/// </summary>
public sealed class DataTests(string table, IReadOnlyCollection<Row> rows)
{
    private const int SampleSize = 5;
    private readonly List<DataTestFailure> _failures = [];

    public IReadOnlyList<DataTestFailure> Failures => _failures;

    public DataTests Unique(params string[] columns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var row in rows)
        {
            var key = columns.Length == 1 ? KeyText(row[columns[0]]) : string.Join("|", columns.Select(c => KeyText(row[c])));
            if (!seen.Add(key))
            {
                duplicates.Add(key);
            }
        }

        return Check(duplicates.Count == 0, $"unique({string.Join(", ", columns)})",
            () => $"{duplicates.Count} duplicate key(s), e.g. {string.Join("; ", duplicates.Take(SampleSize))}");
    }

    public DataTests NotNull(params string[] columns)
    {
        foreach (var column in columns)
        {
            var nulls = rows.Count(r => r[column] is null);
            Check(nulls == 0, $"not_null({column})", () => $"{nulls} row(s) with null {column}");
        }

        return this;
    }

    public DataTests AcceptedValues(string column, IReadOnlyCollection<string> accepted)
    {
        var bad = rows.Select(r => r[column] as string).Where(v => v is not null && !accepted.Contains(v)).Distinct().ToList();
        return Check(bad.Count == 0, $"accepted_values({column})",
            () => $"unexpected {string.Join(", ", bad.Take(SampleSize).Select(v => $"'{v}'"))} (accepted: {string.Join(", ", accepted)})");
    }

    /// <summary>A custom test: <paramref name="isBroken"/> picks the offending rows; <paramref name="describe"/> names one.</summary>
    public DataTests Expect(string test, Func<Row, bool> isBroken, Func<Row, string> describe)
    {
        var bad = rows.Where(isBroken).Take(SampleSize).ToList();
        return Check(bad.Count == 0, test, () => string.Join("; ", bad.Select(describe)));
    }

    public DataTests Check(bool passed, string test, Func<string> detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (!passed)
        {
            _failures.Add(new DataTestFailure(table, test, detail()));
        }

        return this;
    }

    /// <summary>Exact text of a key value (timestamps to the tick, so two instants in one second stay distinct).</summary>
    private static string KeyText(object? value) => value switch
    {
        null => "null",
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public void ThrowIfFailed()
    {
        if (_failures.Count > 0)
        {
            throw new DataTestFailedException(_failures);
        }
    }
}
