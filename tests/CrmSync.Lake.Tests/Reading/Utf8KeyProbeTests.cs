using Apache.Arrow;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Parquet;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Tests.Reading;

/// <summary>The raw-key check a string IN filter implies: exact UTF-8 content, nulls never match, and only filter
/// shapes where every matching row must pass it get one.</summary>
public class Utf8KeyProbeTests
{
    private static readonly StructType Schema = new(
        new StructField("key", PrimitiveType.String),
        new StructField("n", PrimitiveType.Long),
        new StructField("address", new StructType(new StructField("city", PrimitiveType.String))));

    [Fact]
    public void Matches_keys_by_exact_utf8_content_and_never_matches_null()
    {
        var probe = Utf8KeyProbe.From(Expr.In("key", "Zürich", "a", null), Schema)!;
        var column = new StringArray.Builder().Append("Zürich").Append("zürich").Append("a").Append("a ").AppendNull().Append("").Build();

        var rows = new List<int>();
        probe.AddMatchingRows(column, rows);

        rows.Should().Equal(0, 2);
    }

    [Fact]
    public void Finds_every_key_among_many_rows_of_a_sliced_array()
    {
        var random = new Random(11);
        var keys = Enumerable.Range(0, 2_000).Select(_ => Guid.NewGuid().ToString()).ToList();
        var values = Enumerable.Range(0, 50_000).Select(i => i % 97 == 0 ? null : i % 25 == 0 ? keys[random.Next(keys.Count)] : Guid.NewGuid().ToString("N")[..(i % 30)]).ToList();
        var builder = new StringArray.Builder();
        foreach (var value in values)
        {
            if (value is null)
                builder.AppendNull();
            else
                builder.Append(value);
        }

        var sliced = (StringArray)builder.Build().Slice(1_000, 40_000);
        var probe = Utf8KeyProbe.From(Expr.In("key", [.. keys.Prepend("")]), Schema)!;
        var rows = new List<int>();

        probe.AddMatchingRows(sliced, rows);

        var expected = Enumerable.Range(0, 40_000).Where(i => values[1_000 + i] is { } v && (v.Length == 0 || keys.Contains(v))).ToList();
        expected.Should().HaveCountGreaterThan(1_000);
        rows.Should().Equal(expected);
    }

    [Fact]
    public void Only_an_in_of_strings_on_a_top_level_string_column_alone_or_under_and_gets_a_probe()
    {
        Utf8KeyProbe.From(Expr.In("key", "x"), Schema)!.Column.Should().Be("key");
        Utf8KeyProbe.From(Expr.And(Expr.Gt("n", 1L), Expr.In("KEY", "x")), Schema)!.Column.Should().Be("key");
        Utf8KeyProbe.From(Expr.Or(Expr.In("key", "x"), Expr.Gt("n", 1L)), Schema).Should().BeNull("an OR row may match without the key");
        Utf8KeyProbe.From(Expr.Not(Expr.In("key", "x")), Schema).Should().BeNull();
        Utf8KeyProbe.From(Expr.In("n", 1L, 2L), Schema).Should().BeNull("not a string column");
        Utf8KeyProbe.From(Expr.In("address.city", "Berlin"), Schema).Should().BeNull("nested columns are left to the predicate");
    }
}
