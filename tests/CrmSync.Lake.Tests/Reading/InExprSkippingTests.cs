using CrmSync.Lake.Expressions;
using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Tests.Reading;

/// <summary>How an IN list skips a file: by the literals between the file's bounds, or, where the file's exact key filter
/// decides, by the literals' range and then their key hashes.</summary>
public class InExprSkippingTests
{
    private static readonly StructType Schema = new(new StructField("id", PrimitiveType.String, nullable: false));

    // A file holding the keys "m", "n" and "p": literals "a" and "z" straddle its bounds without falling between them.
    private static readonly AddFile File = new("part-0.parquet", new Dictionary<string, string?>(), 1, 0, true,
        """{"numRecords":3,"minValues":{"id":"m"},"maxValues":{"id":"p"},"nullCount":{"id":0}}""");

    [Fact]
    public void Without_a_key_filter_a_file_is_kept_only_when_a_literal_lies_between_its_bounds()
    {
        var view = new FileView(File, Schema, []);

        Expr.In("id", "a", "z").MightMatch(view).Should().BeFalse();
        Expr.In("id", "a", "o", "z").MightMatch(view).Should().BeTrue();
    }

    [Fact]
    public void When_the_key_filter_is_checked_next_the_bounds_test_only_the_range_of_the_literals()
    {
        var view = new FileView(File, Schema, [], FileKeyIndex.None, keyIndexFollows: ["ID"]);

        Expr.In("id", "a", "z").MightMatch(view).Should().BeTrue("the file's exact key filter decides next");
        Expr.In("id", "a", "b").MightMatch(view).Should().BeFalse("every literal is below the file's minimum");
        Expr.In("id", "q", "z").MightMatch(view).Should().BeFalse("every literal is above the file's maximum");
        Expr.In("id", "a", "z").MightMatch(new FileView(File, Schema, [], FileKeyIndex.None, keyIndexFollows: ["other"]))
            .Should().BeFalse("another column's filter does not decide this one");
    }

    [Fact]
    public void With_the_key_filter_loaded_the_hashes_of_the_literals_decide()
    {
        var keys = KeyHashSet.Of([.. new[] { "m", "n", "p" }.Select(k => KeyHasher.Hash(k, PrimitiveType.String))]);
        var view = new FileView(File, Schema, [], new FileKeyIndex(new Dictionary<string, KeyHashSet>(StringComparer.OrdinalIgnoreCase) { ["id"] = keys }));

        Expr.In("id", "a", "n", "z").MightMatch(view).Should().BeTrue();
        Expr.In("id", "a", "o", "z").MightMatch(view).Should().BeFalse("'o' lies between the bounds but the file does not hold it");
        Expr.In("id", "a", "z").MightMatch(view).Should().BeFalse();
    }
}
