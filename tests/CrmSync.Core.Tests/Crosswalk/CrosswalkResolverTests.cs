using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Crosswalk;
using CrmSync.Core.Identity;
using CrmSync.Core.Tests.Support;

namespace CrmSync.Core.Tests.Crosswalk;

public class CrosswalkResolverTests
{
    private static readonly DateTimeOffset Now = Times.At(60);
    private readonly CrosswalkResolver _resolver = new(DuplicateRule.MostRecentlyModified);

    [Fact]
    public void Records_of_both_crms_with_one_email_become_one_person_named_after_the_hubspot_record()
    {
        var result = Resolve([], Candidate(SourceSystem.Dynamics, "d1", "ann@x.com"), Candidate(SourceSystem.HubSpot, "h1", "ann@x.com"));

        var expectedId = ContactIds.UnifiedIdFor(new SourceKey(SourceSystem.HubSpot, "h1"));
        result.NewLinks.Should().HaveCount(2).And.OnlyContain(l => l.UnifiedContactId == expectedId && l.Email == "ann@x.com" && l.LinkedAt == Now);
        result.Conflicts.Should().BeEmpty();
        result.StartedPeople.Should().Equal(new SourceKey(SourceSystem.HubSpot, "h1"));
    }

    [Fact]
    public void A_new_record_joins_the_person_already_holding_its_email_in_the_other_crm()
    {
        var existing = Link("u1", SourceSystem.HubSpot, "h1", "ann@x.com");

        var result = Resolve([existing], Candidate(SourceSystem.Dynamics, "d1", "ann@x.com"));

        result.NewLinks.Should().ContainSingle().Which.Should().Be(new CrosswalkLink("u1", SourceSystem.Dynamics, "d1", "ann@x.com", Now));
        result.StartedPeople.Should().BeEmpty();
    }

    [Fact]
    public void An_email_change_keeps_the_link_and_only_updates_the_email()
    {
        var existing = Link("u1", SourceSystem.HubSpot, "h1", "ann@x.com");

        var result = Resolve([existing], Candidate(SourceSystem.HubSpot, "h1", "ann@newco.com"));

        result.NewLinks.Should().BeEmpty();
        result.UpdatedLinks.Should().ContainSingle().Which.Should().Be(existing with { Email = "ann@newco.com" });
    }

    [Fact]
    public void An_email_change_onto_another_persons_email_never_relinks_or_duplicates()
    {
        var ann = Link("u1", SourceSystem.HubSpot, "h1", "ann@x.com");
        var bob = Link("u2", SourceSystem.HubSpot, "h2", "bob@x.com");

        var result = Resolve([ann, bob], Candidate(SourceSystem.HubSpot, "h1", "bob@x.com"));

        result.NewLinks.Should().BeEmpty();
        result.UpdatedLinks.Should().ContainSingle().Which.UnifiedContactId.Should().Be("u1");
        result.Conflicts.Should().BeEmpty();
    }

    [Fact]
    public void An_unchanged_linked_record_changes_nothing()
    {
        var existing = Link("u1", SourceSystem.HubSpot, "h1", "ann@x.com");

        var result = Resolve([existing], Candidate(SourceSystem.HubSpot, "h1", "ann@x.com"));

        result.Should().BeEquivalentTo(new CrosswalkResolution([], [], [], new HashSet<SourceKey>()));
    }

    [Fact]
    public void Records_without_email_each_become_a_new_person()
    {
        var result = Resolve([], Candidate(SourceSystem.HubSpot, "h1", null), Candidate(SourceSystem.Dynamics, "d1", null));

        result.NewLinks.Select(l => l.UnifiedContactId).Should().BeEquivalentTo(
            ContactIds.UnifiedIdFor(new SourceKey(SourceSystem.HubSpot, "h1")),
            ContactIds.UnifiedIdFor(new SourceKey(SourceSystem.Dynamics, "d1")));
        result.StartedPeople.Should().BeEquivalentTo([new SourceKey(SourceSystem.HubSpot, "h1"), new SourceKey(SourceSystem.Dynamics, "d1")]);
    }

    [Fact]
    public void Duplicates_in_one_crm_link_the_most_recently_modified_and_report_the_rest()
    {
        var result = Resolve([],
            Candidate(SourceSystem.HubSpot, "h1", "ann@x.com"),
            Candidate(SourceSystem.Dynamics, "d1", "ann@x.com", updated: 1),
            Candidate(SourceSystem.Dynamics, "d2", "ann@x.com", updated: 5),
            Candidate(SourceSystem.Dynamics, "d3", "ann@x.com", updated: 3));

        result.NewLinks.Select(l => l.Key.ToString()).Should().BeEquivalentTo("hubspot:h1", "dynamics:d2");
        result.Conflicts.Select(c => c.Record.ToString()).Should().BeEquivalentTo("dynamics:d1", "dynamics:d3");
        var conflict = result.Conflicts[0];
        conflict.Reason.Should().Be(CrosswalkConflictReason.DuplicateEmail);
        conflict.Message.Should().Contain("dynamics:d2").And.Contain("MostRecentlyModified");
        conflict.RelatedUnifiedContactIds.Should().Equal(ContactIds.UnifiedIdFor(new SourceKey(SourceSystem.HubSpot, "h1")));
        conflict.BlocksCreates.Should().BeFalse();
    }

    [Theory]
    [InlineData(DuplicateRule.OldestCreated, "d1")]
    [InlineData(DuplicateRule.LowestId, "d1")]
    [InlineData(DuplicateRule.MostRecentlyModified, "d2")]
    public void The_duplicate_rule_is_configurable(DuplicateRule rule, string linked)
    {
        var result = new CrosswalkResolver(rule).Resolve(new CrosswalkIndex([]),
            [Candidate(SourceSystem.Dynamics, "d2", "ann@x.com", updated: 9, created: 5), Candidate(SourceSystem.Dynamics, "d1", "ann@x.com", updated: 1, created: 2)], Now);

        result.NewLinks.Should().ContainSingle().Which.SourceId.Should().Be(linked);
    }

    [Fact]
    public void A_second_record_with_an_email_already_linked_in_its_crm_is_a_conflict()
    {
        var existing = Link("u1", SourceSystem.Dynamics, "d1", "ann@x.com");

        var result = Resolve([existing], Candidate(SourceSystem.Dynamics, "d9", "ann@x.com", updated: 50));

        result.NewLinks.Should().BeEmpty();
        var conflict = result.Conflicts.Should().ContainSingle().Subject;
        conflict.Reason.Should().Be(CrosswalkConflictReason.DuplicateEmail);
        conflict.RelatedUnifiedContactIds.Should().Equal("u1");
    }

    [Fact]
    public void A_person_who_already_has_a_record_in_that_crm_is_not_given_a_second()
    {
        var hubspot = Link("u1", SourceSystem.HubSpot, "h1", "ann@x.com");
        var dynamics = Link("u1", SourceSystem.Dynamics, "d1", "ann.old@x.com");

        var result = Resolve([hubspot, dynamics], Candidate(SourceSystem.Dynamics, "d2", "ann@x.com"));

        result.Conflicts.Should().ContainSingle().Which.Reason.Should().Be(CrosswalkConflictReason.ContactAlreadyLinked);
    }

    [Fact]
    public void Two_people_holding_one_email_make_a_new_record_ambiguous()
    {
        var ann = Link("u1", SourceSystem.HubSpot, "h1", "ann@x.com");
        var other = Link("u2", SourceSystem.HubSpot, "h2", "bob@x.com");

        var result = Resolve([ann, other], Candidate(SourceSystem.HubSpot, "h2", "ann@x.com"), Candidate(SourceSystem.Dynamics, "d1", "ann@x.com"));

        var conflict = result.Conflicts.Should().ContainSingle().Subject;
        conflict.Record.Should().Be(new SourceKey(SourceSystem.Dynamics, "d1"));
        conflict.Reason.Should().Be(CrosswalkConflictReason.AmbiguousEmail);
        conflict.RelatedUnifiedContactIds.Should().Equal("u1", "u2");
        conflict.BlocksCreates.Should().BeTrue();
    }

    [Fact]
    public void A_deleted_record_releases_its_email_but_keeps_its_link()
    {
        var existing = Link("u1", SourceSystem.HubSpot, "h1", "ann@x.com");

        var result = Resolve([existing], Candidate(SourceSystem.HubSpot, "h1", "ann@x.com") with { IsDeleted = true }, Candidate(SourceSystem.HubSpot, "h2", "ann@x.com"));

        result.UpdatedLinks.Should().ContainSingle().Which.Should().Be(existing with { Email = null });
        result.NewLinks.Should().ContainSingle().Which.SourceId.Should().Be("h2");
    }

    [Fact]
    public void A_deleted_record_never_seen_before_is_not_linked()
    {
        Resolve([], Candidate(SourceSystem.HubSpot, "h1", "ann@x.com") with { IsDeleted = true })
            .Should().BeEquivalentTo(new CrosswalkResolution([], [], [], new HashSet<SourceKey>()));
    }

    [Fact]
    public void Rerunning_a_batch_gives_the_same_ids_whatever_the_input_order()
    {
        CrosswalkCandidate[] batch =
        [
            Candidate(SourceSystem.Dynamics, "d1", "ann@x.com"), Candidate(SourceSystem.HubSpot, "h1", "ann@x.com"),
            Candidate(SourceSystem.HubSpot, "h2", null), Candidate(SourceSystem.Dynamics, "d2", "bob@x.com"),
        ];

        var first = _resolver.Resolve(new CrosswalkIndex([]), batch, Now);
        var second = _resolver.Resolve(new CrosswalkIndex([]), batch.Reverse(), Now);

        second.NewLinks.Should().Equal(first.NewLinks);
    }

    [Fact]
    public void Only_the_latest_version_of_a_record_in_the_batch_counts()
    {
        var result = Resolve([], Candidate(SourceSystem.HubSpot, "h1", "old@x.com", updated: 1), Candidate(SourceSystem.HubSpot, "h1", "new@x.com", updated: 2));

        result.NewLinks.Should().ContainSingle().Which.Email.Should().Be("new@x.com");
    }

    [Fact]
    public void The_index_rejects_a_record_linked_twice()
    {
        var act = () => new CrosswalkIndex([Link("u1", SourceSystem.HubSpot, "h1", null), Link("u2", SourceSystem.HubSpot, "h1", null)]);

        act.Should().Throw<ArgumentException>().WithMessage("*hubspot:h1*");
    }

    private CrosswalkResolution Resolve(CrosswalkLink[] existing, params CrosswalkCandidate[] changed) =>
        _resolver.Resolve(new CrosswalkIndex(existing), changed, Now);

    private static CrosswalkLink Link(string unifiedId, SourceSystem system, string id, string? email) =>
        new(unifiedId, system, id, email, Times.T0);

    private static CrosswalkCandidate Candidate(SourceSystem system, string id, string? email, int updated = 0, int? created = null) =>
        new(new SourceKey(system, id), email, Times.At(updated), created is null ? null : Times.At(created.Value), false);
}
