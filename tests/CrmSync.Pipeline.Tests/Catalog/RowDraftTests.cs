using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Pipeline.Catalog;
using FluentAssertions;
using Xunit;

namespace CrmSync.Pipeline.Tests.Catalog;

public class RowDraftTests
{
    private static readonly StructType Schema = new(new StructField("id", PrimitiveType.String), new StructField("n", PrimitiveType.Long));

    [Fact]
    public void Makes_a_row_of_the_values_set_by_name_with_the_rest_null()
    {
        var row = new RowDraft(Schema) { ["n"] = 7L }.ToRow();

        row["id"].Should().BeNull();
        row["n"].Should().Be(7L);
    }

    [Fact]
    public void A_draft_makes_one_row_so_no_later_edit_can_change_a_row_already_handed_out()
    {
        var draft = new RowDraft(Schema) { ["id"] = "a" };
        var row = draft.ToRow();

        var edit = () => draft["id"] = "b";
        edit.Should().Throw<InvalidOperationException>().WithMessage("*has become a row already*");
        draft.Invoking(d => d.ToRow()).Should().Throw<InvalidOperationException>();
        row["id"].Should().Be("a");
    }

    [Fact]
    public void A_draft_from_a_row_leaves_that_row_unchanged()
    {
        var original = new Row(Schema, ["a", 1L]);
        var draft = RowDraft.From(original);
        draft["n"] = 2L;

        draft.ToRow()["n"].Should().Be(2L);
        original["n"].Should().Be(1L);
    }
}
