using CrmSync.Lake.Protocol;
using FluentAssertions;
using Xunit;

namespace CrmSync.Lake.Tests.Schemas;

public class StructTypeTests
{
    private static readonly StructType Schema = new(
        new StructField("source_id", PrimitiveType.String), new StructField("Email", PrimitiveType.String), new StructField("n", PrimitiveType.Long));

    [Theory]
    [InlineData("source_id", 0)]
    [InlineData("SOURCE_ID", 0)]
    [InlineData("Email", 1)]
    [InlineData("email", 1)]
    [InlineData("N", 2)]
    public void Finds_a_column_by_its_name_in_any_case(string name, int ordinal)
    {
        Schema.TryIndexOf(name).Should().Be(ordinal);
        Schema.IndexOf(name).Should().Be(ordinal);
    }

    [Fact]
    public void An_unknown_column_is_minus_one_or_an_error_naming_it_and_the_known_columns()
    {
        Schema.TryIndexOf("phone").Should().Be(-1);
        var act = () => Schema.IndexOf("phone");
        act.Should().Throw<ArgumentException>().WithMessage("*'phone'*source_id, Email, n*");
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_one_column_twice()
    {
        var act = () => new StructType(new StructField("email", PrimitiveType.String), new StructField("EMAIL", PrimitiveType.String));
        act.Should().Throw<ArgumentException>().WithMessage("*Duplicate column name 'EMAIL'*");
    }
}
