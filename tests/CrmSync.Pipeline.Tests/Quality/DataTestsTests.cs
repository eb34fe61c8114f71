using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Pipeline.Quality;

namespace CrmSync.Pipeline.Tests.Quality;

public class DataTestsTests
{
    private static readonly StructType History = new(
        new StructField("id", PrimitiveType.String),
        new StructField("valid_from", PrimitiveType.Timestamp),
        new StructField("status", PrimitiveType.String));

    // The same columns in another order, as rows re-read with a projection arrive.
    private static readonly StructType Reordered = new(
        new StructField("status", PrimitiveType.String),
        new StructField("id", PrimitiveType.String),
        new StructField("valid_from", PrimitiveType.Timestamp));

    private static readonly DateTimeOffset T1 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Unique_compares_whole_keys_by_value_across_row_schemas_and_names_the_duplicates()
    {
        Row[] rows =
        [
            Row.Of(History, "a", T1, "OPEN"),
            Row.Of(History, "a", T1.AddTicks(1), "OPEN"),
            Row.Of(History, "b", T1, "OPEN"),
            Row.Of(Reordered, "OPEN", "b", T1.ToOffset(TimeSpan.FromHours(2))),
            Row.Of(History, null, T1, "OPEN"),
            Row.Of(History, "null", T1, "OPEN"),
        ];

        var failures = new DataTests("silver.history", rows).Unique("id", "valid_from").Failures;

        failures.Should().ContainSingle().Which.ToString().Should().Be(
            "silver.history: unique(id, valid_from): 1 duplicate key(s), e.g. b|2026-01-01T12:00:00.0000000+02:00",
            "one instant is one key whatever its offset, a tick apart is another, and a null is not the text 'null'");
        new DataTests("silver.history", rows.Take(3).ToList()).Unique("id", "valid_from").Failures.Should().BeEmpty();
    }

    [Fact]
    public void Not_null_counts_the_nulls_of_each_column_and_accepted_values_names_the_unexpected_ones()
    {
        Row[] rows =
        [
            Row.Of(History, "a", null, "OPEN"),
            Row.Of(Reordered, "CLOSED", null, null),
            Row.Of(History, "c", T1, "LOST"),
            Row.Of(History, "d", T1, null),
        ];

        var failures = new DataTests("silver.history", rows)
            .NotNull("id", "valid_from", "status")
            .AcceptedValues("status", ["OPEN", "RESOLVED"])
            .Failures.Select(f => f.ToString());

        failures.Should().Equal(
            "silver.history: not_null(id): 1 row(s) with null id",
            "silver.history: not_null(valid_from): 2 row(s) with null valid_from",
            "silver.history: not_null(status): 1 row(s) with null status",
            "silver.history: accepted_values(status): unexpected 'CLOSED', 'LOST' (accepted: OPEN, RESOLVED)");
    }

    [Fact]
    public void A_test_of_a_column_the_rows_lack_fails_naming_it()
    {
        var act = () => new DataTests("silver.history", [Row.Of(History, "a", T1, "OPEN")]).NotNull("run_id");

        act.Should().Throw<ArgumentException>().WithMessage("*'run_id'*");
    }
}
