using CrmSync.Lake.Protocol;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Tests.Catalog;

public class ColumnOrdinalsTests
{
    private static readonly StructType Whole = new(
        new StructField("a", PrimitiveType.String), new StructField("b", PrimitiveType.Long), new StructField("c", PrimitiveType.String));

    [Fact]
    public void Gives_each_columns_ordinal_in_the_schema_the_rows_came_with()
    {
        var ordinals = new ColumnOrdinals(["c", "a"]);
        var projection = new StructType(new StructField("a", PrimitiveType.String), new StructField("c", PrimitiveType.String));

        ordinals.In(Whole).Should().Equal(2, 0);
        ordinals.In(projection).Should().Equal([1, 0], "a new schema is worked out afresh, not taken from the last one");
        ordinals.In(Whole).Should().Equal(2, 0);
    }

    [Fact]
    public void A_column_the_rows_lack_is_an_error_naming_it_every_time()
    {
        var ordinals = new ColumnOrdinals(["a", "d"]);

        var first = () => ordinals.In(Whole);
        var again = () => ordinals.In(Whole);

        first.Should().Throw<ArgumentException>().WithMessage("Column 'd' is not in the rows (columns: a, b, c)*");
        again.Should().Throw<ArgumentException>("the schema's ordinals are cached, its check is not skipped").WithMessage("Column 'd'*");
    }
}
