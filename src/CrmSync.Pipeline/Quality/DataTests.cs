using System.Globalization;
using CrmSync.Lake;
using CrmSync.Pipeline.Catalog;

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
        var ordinals = new ColumnOrdinals(columns);
        var seen = new HashSet<CompositeKey>(rows.Count);
        var duplicates = new List<string>();
        foreach (var row in rows)
        {
            var at = ordinals.In(row.Schema);
            var key = new object?[at.Length];
            for (var i = 0; i < at.Length; i++)
            {
                key[i] = row[at[i]];
            }

            if (!seen.Add(new CompositeKey(key)))
            {
                duplicates.Add(string.Join("|", key.Select(KeyText)));
            }
        }

        return Check(duplicates.Count == 0, $"unique({string.Join(", ", columns)})",
            () => $"{duplicates.Count} duplicate key(s), e.g. {string.Join("; ", duplicates.Take(SampleSize))}");
    }

    public DataTests NotNull(params string[] columns)
    {
        var ordinals = new ColumnOrdinals(columns);
        var nulls = new int[columns.Length];
        foreach (var row in rows)
        {
            var at = ordinals.In(row.Schema);
            for (var i = 0; i < at.Length; i++)
            {
                if (row[at[i]] is null)
                {
                    nulls[i]++;
                }
            }
        }

        for (var i = 0; i < columns.Length; i++)
        {
            var count = nulls[i];
            var column = columns[i];
            Check(count == 0, $"not_null({column})", () => $"{count} row(s) with null {column}");
        }

        return this;
    }

    public DataTests AcceptedValues(string column, IReadOnlyCollection<string> accepted)
    {
        var ordinals = new ColumnOrdinals([column]);
        var bad = rows.Select(r => r[ordinals.In(r.Schema)[0]] as string).Where(v => v is not null && !accepted.Contains(v)).Distinct().ToList();
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

    /// <summary>A key of one or more column values; equal when every value is (timestamps as instants, as the table holds them).</summary>
    private readonly struct CompositeKey(object?[] values) : IEquatable<CompositeKey>
    {
        public bool Equals(CompositeKey other)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!Equals(values[i], other.Values[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private object?[] Values => values;

        public override bool Equals(object? obj) => obj is CompositeKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in values)
            {
                hash.Add(value);
            }

            return hash.ToHashCode();
        }
    }

    public void ThrowIfFailed()
    {
        if (_failures.Count > 0)
        {
            throw new DataTestFailedException(_failures);
        }
    }
}
