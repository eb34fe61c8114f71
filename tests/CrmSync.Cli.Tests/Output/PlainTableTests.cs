using CrmSync.Cli.Output;

namespace CrmSync.Cli.Tests.Output;

public class PlainTableTests
{
    [Fact]
    public void Columns_align_to_the_widest_cell_and_nulls_print_as_NULL()
    {
        var text = PlainTable.Render(
            ["id", "email"],
            [["1", "ada@example.com"], ["1000", null]]);

        text.Should().Be(
            "id    email\n" +
            "----  ---------------\n" +
            "1     ada@example.com\n" +
            "1000  NULL\n");
    }

    [Fact]
    public void A_newline_inside_a_value_does_not_break_the_row()
    {
        var text = PlainTable.Render(["note"], [["two\nlines"]]);

        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);
        text.Should().Contain("two lines");
    }
}
