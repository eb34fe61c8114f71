using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.History;
using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Stages.Unify;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.Unify;

public class UnifiedRowMapperTests
{
    private static readonly FieldMappingSet Mappings = FieldMappingsParser.Parse(
        TestConfigs.Mappings.Replace("{TO_HUBSPOT}", "true", StringComparison.Ordinal).Replace("{TO_DYNAMICS}", "true", StringComparison.Ordinal),
        "field_mappings.yaml");

    private static readonly DateTimeOffset At = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly StructType Schema = new TableSchemas(Mappings)[TableNames.Unified];

    private readonly UnifiedRowMapper _mapper = new(Mappings, Schema);

    [Fact]
    public void A_row_without_the_maps_gives_the_values_with_text_as_value_and_no_origin()
    {
        var row = _mapper.ToRow(Ann(), At, 7, "run-1");

        var contact = _mapper.ToContactValues(ValueColumnsOf(row));

        contact.Should().BeEquivalentTo(new { UnifiedContactId = "u1", HubSpotId = "h1", DynamicsId = "d1", IsDeleted = false });
        contact.Fields["email"].Should().Be(new UnifiedField("ann@x.com", "ann@x.com", FieldOrigin.None, null));
        contact.Fields["first_name"].Should().Be(new UnifiedField("Ann", "Ann", FieldOrigin.None, null));
        contact.Fields["city"].Should().Be(new UnifiedField(null, null, FieldOrigin.None, null));
    }

    [Fact]
    public void A_row_without_the_maps_gives_the_checksum_of_the_whole_row()
    {
        var row = _mapper.ToRow(Ann(), At, 7, "run-1");

        ContactChecksum.Compute(_mapper.ToContactValues(ValueColumnsOf(row)), Mappings)
            .Should().Be(ContactChecksum.Compute(_mapper.ToContact(row), Mappings));
    }

    [Fact]
    public void The_state_hash_is_the_same_for_the_same_state_whatever_the_run_and_time()
    {
        var first = _mapper.ToRow(Ann(), At, 7, "run-1");
        var later = _mapper.ToRow(Ann(), At.AddDays(1), 9, "run-2");

        first["state_hash"].Should().BeOfType<long>().And.Be(later["state_hash"]);
        _mapper.SameState(first, later).Should().BeTrue();
    }

    public static TheoryData<string> StateChanges() =>
        ["hubspot id", "dynamics id", "deleted", "value", "text", "text equal to the value", "winner", "empty field filled"];

    [Theory]
    [MemberData(nameof(StateChanges))]
    public void Every_change_the_whole_row_comparison_sees_changes_the_state_hash(string change)
    {
        var ann = Ann();
        var email = ann.Fields["email"];
        var changed = change switch
        {
            "hubspot id" => ann with { HubSpotId = "h2" },
            "dynamics id" => ann with { DynamicsId = null },
            "deleted" => ann with { IsDeleted = true },
            "value" => WithEmail(ann, email with { Value = "ann@y.com" }),
            "text" => WithEmail(ann, email with { Text = "ANN@x.com" }),
            "text equal to the value" => WithEmail(ann, email with { Text = email.Value }),
            "winner" => WithEmail(ann, email with { Origin = FieldOrigin.Dynamics }),
            _ => ann with { Fields = new Dictionary<string, UnifiedField>(ann.Fields) { ["city"] = new("Graz", "Graz", FieldOrigin.HubSpot, At) } },
        };
        var before = _mapper.ToRow(ann, At, 7, "run-1");
        var after = _mapper.ToRow(changed, At, 7, "run-1");

        _mapper.SameState(before, after).Should().BeFalse("the whole row comparison sees the change");
        after["state_hash"].Should().NotBe(before["state_hash"]);
    }

    private static UnifiedContact WithEmail(UnifiedContact contact, UnifiedField email) =>
        contact with { Fields = new Dictionary<string, UnifiedField>(contact.Fields) { ["email"] = email } };

    /// <summary>Ann with a pushed text that differs from her normalized email and winners from both CRMs.</summary>
    private static UnifiedContact Ann() => new(
        "u1",
        new Dictionary<string, UnifiedField>
        {
            ["email"] = new("ann@x.com", "Ann@X.com", FieldOrigin.HubSpot, At),
            ["first_name"] = new("Ann", "Ann", FieldOrigin.Dynamics, At),
        },
        "h1",
        "d1",
        false);

    /// <summary>The row as a scan of <see cref="UnifiedRowMapper.ValueColumns"/> returns it.</summary>
    private Row ValueColumnsOf(Row row) =>
        new(new StructType(_mapper.ValueColumns.Select(c => Schema[c])), [.. _mapper.ValueColumns.Select(c => row[c])]);
}
