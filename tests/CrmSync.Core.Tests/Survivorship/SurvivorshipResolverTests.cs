using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Normalization;
using CrmSync.Core.Survivorship;
using CrmSync.Core.Tests.Support;

namespace CrmSync.Core.Tests.Survivorship;

public class SurvivorshipResolverTests
{
    private const string Id = "u1";

    [Theory]
    [InlineData(ConflictRule.HubSpotWins, 5, 9, "from-hubspot", FieldOrigin.HubSpot)]
    [InlineData(ConflictRule.DynamicsWins, 9, 5, "from-dynamics", FieldOrigin.Dynamics)]
    [InlineData(ConflictRule.LatestWins, 9, 5, "from-hubspot", FieldOrigin.HubSpot)]
    [InlineData(ConflictRule.LatestWins, 5, 9, "from-dynamics", FieldOrigin.Dynamics)]
    [InlineData(ConflictRule.LatestWins, 5, 5, "from-hubspot", FieldOrigin.HubSpot)]
    public void Each_rule_picks_its_winner(ConflictRule rule, int hubspotMinute, int dynamicsMinute, string expected, FieldOrigin origin)
    {
        var resolver = Resolver(TestMappings.Field("f", conflict: rule));

        var result = resolver.Resolve(Id, Snapshots.HubSpot(("f", "from-hubspot", hubspotMinute)), Snapshots.Dynamics(("f", "from-dynamics", dynamicsMinute)));

        result.Contact.Fields["f"].Should().Be(new UnifiedField(expected, expected, origin, Times.At(origin == FieldOrigin.HubSpot ? hubspotMinute : dynamicsMinute)));
        result.Conflicts.Should().BeEmpty();
    }

    [Theory]
    [InlineData(ConflictRule.HubSpotWins)]
    [InlineData(ConflictRule.LatestWins)]
    public void An_empty_value_never_beats_a_filled_one(ConflictRule rule)
    {
        var resolver = Resolver(TestMappings.Field("f", conflict: rule));

        var result = resolver.Resolve(Id, Snapshots.HubSpot(("f", null, 9)), Snapshots.Dynamics(("f", "kept", 1)));

        result.Contact.Fields["f"].Value.Should().Be("kept");
        result.Contact.Fields["f"].Origin.Should().Be(FieldOrigin.Dynamics);
    }

    [Fact]
    public void With_empty_wins_a_later_clearing_propagates()
    {
        var resolver = Resolver(TestMappings.Field("f", emptyWins: true));

        var result = resolver.Resolve(Id, Snapshots.HubSpot(("f", null, 9)), Snapshots.Dynamics(("f", "old", 1)));

        result.Contact.Fields["f"].Should().Be(new UnifiedField(null, null, FieldOrigin.HubSpot, Times.At(9)));
    }

    [Fact]
    public void With_empty_wins_a_field_never_filled_is_not_a_clearing()
    {
        var resolver = Resolver(TestMappings.Field("f", emptyWins: true));

        var result = resolver.Resolve(Id, Snapshots.HubSpot(("f", null, null)), Snapshots.Dynamics(("f", "typed", 1)));

        result.Contact.Fields["f"].Value.Should().Be("typed");
    }

    [Theory]
    [InlineData(SyncDirection.ToDynamics, "from-hubspot")]
    [InlineData(SyncDirection.ToHubSpot, "from-dynamics")]
    public void One_way_fields_take_their_source_crms_value_even_when_older(SyncDirection direction, string expected)
    {
        var resolver = Resolver(TestMappings.Field("f", direction: direction));

        var result = resolver.Resolve(Id, Snapshots.HubSpot(("f", "from-hubspot", 1)), Snapshots.Dynamics(("f", "from-dynamics", 1 + (direction == SyncDirection.ToDynamics ? 10 : -1))));

        result.Contact.Fields["f"].Value.Should().Be(expected);
    }

    [Fact]
    public void A_manual_field_the_crms_disagree_on_is_unresolved_and_reported()
    {
        var resolver = Resolver(TestMappings.Field("title", conflict: ConflictRule.Manual));

        var result = resolver.Resolve(Id, Snapshots.HubSpot(("title", "CEO", 3)), Snapshots.Dynamics(("title", "CTO", 4)));

        result.Contact.Fields["title"].Should().Be(UnifiedField.Unresolved);
        result.Conflicts.Should().ContainSingle().Which.Should().Be(new FieldConflict(Id, "title", "CEO", "CTO", Times.At(3), Times.At(4)));
    }

    [Fact]
    public void A_manual_field_whose_values_agree_or_only_one_side_has_needs_no_decision()
    {
        var resolver = Resolver(TestMappings.Field("title", conflict: ConflictRule.Manual), TestMappings.Field("team", conflict: ConflictRule.Manual));

        var result = resolver.Resolve(Id, Snapshots.HubSpot(("title", "CEO", 3), ("team", null, 5)), Snapshots.Dynamics(("title", "CEO", 4), ("team", "Sales", 1)));

        result.Conflicts.Should().BeEmpty();
        result.Contact.Fields["title"].Value.Should().Be("CEO");
        result.Contact.Fields["team"].Value.Should().Be("Sales");
    }

    [Fact]
    public void An_override_settles_a_manual_conflict_until_a_crm_changes_the_field_again()
    {
        var resolver = Resolver(TestMappings.Field("title", conflict: ConflictRule.Manual));
        var decision = new Dictionary<string, ManualOverride> { ["title"] = new("title", " Chief Executive ", Times.At(10)) };

        var settled = resolver.Resolve(Id, Snapshots.HubSpot(("title", "CEO", 3)), Snapshots.Dynamics(("title", "CTO", 4)), decision);
        var reopened = resolver.Resolve(Id, Snapshots.HubSpot(("title", "CFO", 12)), Snapshots.Dynamics(("title", "CTO", 4)), decision);

        settled.Contact.Fields["title"].Should().Be(new UnifiedField("Chief Executive", "Chief Executive", FieldOrigin.ManualOverride, Times.At(10)));
        settled.Conflicts.Should().BeEmpty();
        reopened.Contact.Fields["title"].Origin.Should().Be(FieldOrigin.Unresolved);
        reopened.Conflicts.Should().ContainSingle();
    }

    [Fact]
    public void A_contact_known_in_one_crm_takes_that_crms_values()
    {
        var resolver = Resolver(TestMappings.Field("f", conflict: ConflictRule.DynamicsWins));

        var result = resolver.Resolve(Id, Snapshots.HubSpot(("f", "only", 1)), null);

        result.Contact.Fields["f"].Should().Be(new UnifiedField("only", "only", FieldOrigin.HubSpot, Times.At(1)));
        result.Contact.HubSpotId.Should().Be("h1");
        result.Contact.DynamicsId.Should().BeNull();
    }

    [Fact]
    public void Deleted_records_take_no_part_and_all_deleted_means_a_deleted_contact()
    {
        var resolver = Resolver(TestMappings.Field("f", conflict: ConflictRule.HubSpotWins));
        var deletedHubSpot = Snapshots.HubSpot(("f", "gone", 9)) with { IsDeleted = true };

        var oneLeft = resolver.Resolve(Id, deletedHubSpot, Snapshots.Dynamics(("f", "alive", 1)));
        var allGone = resolver.Resolve(Id, deletedHubSpot, Snapshots.Dynamics(("f", "alive", 1)) with { IsDeleted = true });

        oneLeft.Contact.Fields["f"].Value.Should().Be("alive");
        oneLeft.Contact.IsDeleted.Should().BeFalse();
        oneLeft.Contact.HubSpotId.Should().Be("h1");
        allGone.Contact.IsDeleted.Should().BeTrue();
    }

    [Fact]
    public void The_winners_text_is_kept_for_pushing()
    {
        var resolver = Resolver(TestMappings.Field("phone", FieldType.Phone, conflict: ConflictRule.HubSpotWins));
        var hubspot = Snapshots.HubSpot(("phone", "+15550102000", 1)) with
        {
            Fields = new Dictionary<string, FieldState> { ["phone"] = new("+15550102000", "+1 (555) 010-2000", Times.At(1)) },
        };

        var result = resolver.Resolve(Id, hubspot, Snapshots.Dynamics(("phone", "5550000000", 2)));

        result.Contact.Fields["phone"].Text.Should().Be("+1 (555) 010-2000");
    }

    private static SurvivorshipResolver Resolver(params FieldMapping[] fields) =>
        new(new FieldMappingSet([TestMappings.Field("email", FieldType.Email), .. fields], "email", true, true), new FieldValueNormalizer(TestMappings.OptionSets));
}
