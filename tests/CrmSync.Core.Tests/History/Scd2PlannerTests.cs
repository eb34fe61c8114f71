using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.History;
using CrmSync.Core.Tests.Support;

namespace CrmSync.Core.Tests.History;

public class Scd2PlannerTests
{
    private static readonly FieldMappingSet Mappings = new(
        [TestMappings.Field("email", FieldType.Email), TestMappings.Field("first_name"), TestMappings.Field("city")], "email", true, true);

    private readonly Scd2Planner _planner = new(Mappings);

    [Fact]
    public void A_new_contact_gets_an_open_current_row()
    {
        var plan = _planner.Plan(NoRows, [Ann("Ann")], Times.At(0));

        plan.RowsToClose.Should().BeEmpty();
        var row = plan.RowsToInsert.Should().ContainSingle().Subject;
        row.Should().BeEquivalentTo(new { UnifiedContactId = "u1", ValidFrom = Times.At(0), ValidTo = (DateTimeOffset?)null, IsCurrent = true });
        row.Values.Should().Equal(new Dictionary<string, string?> { ["email"] = "ann@x.com", ["first_name"] = "Ann", ["city"] = null });
        row.Checksum.Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Fact]
    public void An_unchanged_checksum_makes_no_version()
    {
        var first = _planner.Plan(NoRows, [Ann("Ann")], Times.At(0)).RowsToInsert[0];

        var plan = _planner.Plan(Current(first), [Ann("Ann")], Times.At(5));

        plan.RowsToClose.Should().BeEmpty();
        plan.RowsToInsert.Should().BeEmpty();
    }

    [Fact]
    public void A_change_closes_the_current_row_and_opens_the_next_at_the_same_instant()
    {
        var first = _planner.Plan(NoRows, [Ann("Ann")], Times.At(0)).RowsToInsert[0];

        var plan = _planner.Plan(Current(first), [Ann("Anna")], Times.At(5));

        plan.RowsToClose.Should().ContainSingle().Which.Should().Be(first with { ValidTo = Times.At(5), IsCurrent = false });
        var next = plan.RowsToInsert.Should().ContainSingle().Subject;
        next.ValidFrom.Should().Be(Times.At(5));
        next.Checksum.Should().NotBe(first.Checksum);
    }

    [Fact]
    public void As_of_semantics_are_half_open()
    {
        var first = _planner.Plan(NoRows, [Ann("Ann")], Times.At(0)).RowsToInsert[0];
        var plan = _planner.Plan(Current(first), [Ann("Anna")], Times.At(5));
        var closed = plan.RowsToClose[0];
        var open = plan.RowsToInsert[0];

        closed.IsValidAt(Times.At(0)).Should().BeTrue();
        closed.IsValidAt(Times.At(5)).Should().BeFalse();
        open.IsValidAt(Times.At(5)).Should().BeTrue();
        open.IsValidAt(Times.At(50_000)).Should().BeTrue();
        open.IsValidAt(Times.At(4)).Should().BeFalse();
    }

    [Fact]
    public void A_deleted_contact_closes_its_row_and_inserts_nothing()
    {
        var first = _planner.Plan(NoRows, [Ann("Ann")], Times.At(0)).RowsToInsert[0];

        var plan = _planner.Plan(Current(first), [Ann("Ann") with { IsDeleted = true }], Times.At(7));

        plan.RowsToClose.Should().ContainSingle().Which.ValidTo.Should().Be(Times.At(7));
        plan.RowsToInsert.Should().BeEmpty();
        _planner.Plan(NoRows, [Ann("Ann") with { IsDeleted = true }], Times.At(7)).RowsToClose.Should().BeEmpty();
    }

    [Fact]
    public void A_version_not_after_the_current_one_is_refused_naming_the_contact()
    {
        var first = _planner.Plan(NoRows, [Ann("Ann")], Times.At(5)).RowsToInsert[0];

        var act = () => _planner.Plan(Current(first), [Ann("Anna")], Times.At(5));

        act.Should().Throw<ArgumentException>().WithMessage("Contact u1:*not after*");
    }

    [Fact]
    public void The_checksum_depends_on_values_not_on_field_order_or_origin()
    {
        var a = Unified.Contact("u1", ("email", "ann@x.com"), ("first_name", "Ann"), ("city", null));
        var b = new UnifiedContact("u1", new Dictionary<string, UnifiedField>
        {
            ["city"] = UnifiedField.Empty,
            ["first_name"] = new("Ann", "ann", FieldOrigin.Dynamics, Times.At(3)),
            ["email"] = new("ann@x.com", "ANN@x.com", FieldOrigin.Dynamics, Times.At(3)),
        }, null, "d9", false);
        var c = Unified.Contact("u1", ("email", "ann@x.com"), ("first_name", "Ann"), ("city", ""));

        ContactChecksum.Compute(a, Mappings).Should().Be(ContactChecksum.Compute(b, Mappings));
        ContactChecksum.Compute(a, Mappings).Should().NotBe(ContactChecksum.Compute(c, Mappings));
    }

    private static readonly Dictionary<string, HistoryRow> NoRows = [];

    private static Dictionary<string, HistoryRow> Current(HistoryRow row) => new() { [row.UnifiedContactId] = row };

    private static UnifiedContact Ann(string firstName) => Unified.Contact("u1", ("email", "ann@x.com"), ("first_name", firstName), ("city", null));
}
