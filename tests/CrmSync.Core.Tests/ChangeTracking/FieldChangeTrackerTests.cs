using CrmSync.Core.ChangeTracking;
using CrmSync.Core.Contacts;
using CrmSync.Core.Normalization;
using CrmSync.Core.Tests.Support;

namespace CrmSync.Core.Tests.ChangeTracking;

public class FieldChangeTrackerTests
{
    private readonly FieldChangeTracker _tracker = new(TestMappings.Standard(), new FieldValueNormalizer(TestMappings.OptionSets));

    [Fact]
    public void First_sight_stamps_every_field_with_the_records_update_time()
    {
        var update = _tracker.Apply(null, HubSpot(Times.At(0), ("email", "Ann@X.com"), ("firstname", "Ann")));

        update.Snapshot.Fields["email"].Should().Be(new FieldState("ann@x.com", "Ann@X.com", Times.At(0)));
        update.Snapshot.Fields["first_name"].ChangedAt.Should().Be(Times.At(0));
        update.Snapshot.Fields.Should().HaveCount(TestMappings.Standard().Fields.Count);
        update.ChangedFields.Should().BeEquivalentTo("email", "first_name");
        update.IsChanged(null).Should().BeTrue();
    }

    [Fact]
    public void A_field_empty_since_first_sight_has_no_change_time_until_filled()
    {
        var first = _tracker.Apply(null, HubSpot(Times.At(0), ("email", "ann@x.com"), ("firstname", ""))).Snapshot;
        var filled = _tracker.Apply(first, HubSpot(Times.At(8), ("email", "ann@x.com"), ("firstname", "Ann"))).Snapshot;

        first.Fields["first_name"].ChangedAt.Should().BeNull();
        first.Fields["phone"].Should().Be(new FieldState(null, null, null));
        filled.Fields["first_name"].ChangedAt.Should().Be(Times.At(8));
    }

    [Fact]
    public void An_unchanged_value_keeps_its_time_and_a_changed_one_takes_the_new_time()
    {
        var first = _tracker.Apply(null, HubSpot(Times.At(0), ("email", "ann@x.com"), ("firstname", "Ann"))).Snapshot;

        var update = _tracker.Apply(first, HubSpot(Times.At(10), ("email", "ann@x.com"), ("firstname", "Anna")));

        update.Snapshot.Fields["email"].ChangedAt.Should().Be(Times.At(0));
        update.Snapshot.Fields["first_name"].Should().Be(new FieldState("Anna", "Anna", Times.At(10)));
        update.ChangedFields.Should().Equal("first_name");
    }

    [Fact]
    public void A_cosmetic_edit_is_no_change_but_keeps_the_new_text()
    {
        var first = _tracker.Apply(null, HubSpot(Times.At(0), ("phone", "555-010-2000"), ("email", "ANN@x.com"))).Snapshot;

        var update = _tracker.Apply(first, HubSpot(Times.At(10), ("phone", "(555) 010 2000"), ("email", " ann@X.COM ")));

        update.ChangedFields.Should().BeEmpty();
        update.IsChanged(first).Should().BeFalse();
        update.Snapshot.Fields["phone"].Should().Be(new FieldState("5550102000", "(555) 010 2000", Times.At(0)));
    }

    [Fact]
    public void Clearing_a_value_is_a_change()
    {
        var first = _tracker.Apply(null, HubSpot(Times.At(0), ("firstname", "Ann"))).Snapshot;

        var update = _tracker.Apply(first, HubSpot(Times.At(5), ("firstname", "  ")));

        update.ChangedFields.Should().Equal("first_name");
        update.Snapshot.Fields["first_name"].Should().Be(new FieldState(null, null, Times.At(5)));
    }

    [Fact]
    public void An_older_version_than_the_snapshot_is_ignored()
    {
        var current = _tracker.Apply(null, HubSpot(Times.At(10), ("firstname", "Anna"))).Snapshot;

        var update = _tracker.Apply(current, HubSpot(Times.At(5), ("firstname", "Ann")));

        update.IsStale.Should().BeTrue();
        update.Snapshot.Should().BeSameAs(current);
        update.IsChanged(current).Should().BeFalse();
    }

    [Fact]
    public void A_property_that_was_not_read_keeps_its_previous_state()
    {
        var first = _tracker.Apply(null, HubSpot(Times.At(0), ("firstname", "Ann"), ("email", "ann@x.com"))).Snapshot;

        var update = _tracker.Apply(first, HubSpot(Times.At(10), ("email", "ann@x.com")));

        update.Snapshot.Fields["first_name"].Should().Be(first.Fields["first_name"]);
    }

    [Fact]
    public void A_delete_without_values_keeps_the_last_values_and_marks_the_snapshot_deleted()
    {
        var first = _tracker.Apply(null, Dynamics(Times.At(0), ("emailaddress1", "ann@x.com"))).Snapshot;

        var update = _tracker.Apply(first, new SourceContact(SourceSystem.Dynamics, "d1", Times.At(20), true, new Dictionary<string, string?>()));

        update.Snapshot.IsDeleted.Should().BeTrue();
        update.Snapshot.ValueOf("email").Should().Be("ann@x.com");
        update.IsChanged(first).Should().BeTrue();
    }

    [Fact]
    public void Dynamics_values_are_read_by_attribute_and_lookups_by_their_value_column()
    {
        var update = _tracker.Apply(null, Dynamics(Times.At(0),
            ("emailaddress1", "ann@x.com"), ("new_lifecyclestage", "100000005"), ("donotbulkemail", "True"),
            ("_parentcustomerid_value", "6F9619FF-8B86-D011-B42D-00C04FC964FF")));

        var snapshot = update.Snapshot;
        snapshot.ValueOf("lifecycle_stage").Should().Be("customer");
        snapshot.ValueOf("email_opt_out").Should().Be("true");
        snapshot.ValueOf("account_id").Should().Be("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    }

    [Fact]
    public void Unreadable_values_are_reported_with_record_field_and_property()
    {
        var update = _tracker.Apply(null, HubSpot(Times.At(0), ("lifecyclestage", "partner")));

        var issue = update.Issues.Should().ContainSingle().Subject;
        issue.ToString().Should().StartWith("hubspot:h1 field lifecycle_stage (lifecyclestage): 'partner' is not a label");
        update.Snapshot.ValueOf("lifecycle_stage").Should().Be("partner");
    }

    private static SourceContact HubSpot(DateTimeOffset at, params (string Key, string? Value)[] values) =>
        new(SourceSystem.HubSpot, "h1", at, false, values.ToDictionary(v => v.Key, v => v.Value));

    private static SourceContact Dynamics(DateTimeOffset at, params (string Key, string? Value)[] values) =>
        new(SourceSystem.Dynamics, "d1", at, false, values.ToDictionary(v => v.Key, v => v.Value));
}
