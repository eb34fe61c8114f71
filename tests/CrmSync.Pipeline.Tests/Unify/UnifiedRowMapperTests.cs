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
