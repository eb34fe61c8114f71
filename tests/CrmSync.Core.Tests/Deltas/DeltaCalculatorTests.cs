using System.Text.Json.Nodes;
using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Deltas;
using CrmSync.Core.Identity;
using CrmSync.Core.Tests.Support;

namespace CrmSync.Core.Tests.Deltas;

public class DeltaCalculatorTests
{
    private const string Id = "u1";
    private readonly DeltaCalculator _calculator = new(TestMappings.Standard(), TestMappings.Sources.Dynamics);

    [Fact]
    public void Agreeing_values_push_nothing()
    {
        var contact = Contact(("email", "ann@x.com"), ("first_name", "Ann"));

        var delta = _calculator.Compute(contact, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("first_name", "Ann")),
            Target(SourceSystem.Dynamics, ("email", "ann@x.com"), ("first_name", "Ann")), false);

        delta.Entries.Should().BeEmpty();
    }

    [Fact]
    public void One_update_per_target_record_carries_all_its_changed_fields()
    {
        var contact = Contact(("email", "ann@x.com"), ("first_name", "Ann"), ("lifecycle_stage", "customer"), ("email_opt_out", "true"));

        var delta = _calculator.Compute(contact, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("first_name", "Ann"), ("lifecycle_stage", "customer"), ("email_opt_out", "true")),
            Target(SourceSystem.Dynamics, ("email", "ann@x.com"), ("first_name", "Anne"), ("lifecycle_stage", "lead")), false);

        var entry = delta.Entries.Should().ContainSingle().Subject;
        entry.Target.Should().Be(SourceSystem.Dynamics);
        entry.TargetId.Should().Be("d1");
        entry.Operation.Should().Be(OutboxOperation.Update);
        entry.Fields.Should().Equal("email_opt_out", "first_name", "lifecycle_stage");
        entry.Payload.Should().Be("""{"donotbulkemail":true,"firstname":"Ann","new_lifecyclestage":100000005}""");
        entry.IdempotencyKey.Should().Be(IdempotencyKey.For(SourceSystem.Dynamics, "d1", entry.Payload));
    }

    [Fact]
    public void HubSpot_updates_are_batch_inputs_with_string_properties()
    {
        var contact = Contact(("email", "ann@x.com"), ("lifecycle_stage", "customer"), ("email_opt_out", "false"), ("account_id", "6f9619ff-8b86-d011-b42d-00c04fc964ff"));

        var entry = _calculator.Compute(contact, Target(SourceSystem.HubSpot, ("email", "ann@x.com")),
            Target(SourceSystem.Dynamics, ("email", "ann@x.com"), ("lifecycle_stage", "customer"), ("email_opt_out", "false"), ("account_id", "6f9619ff-8b86-d011-b42d-00c04fc964ff")), false).Entries.Single();

        entry.Payload.Should().Be("""{"id":"h1","properties":{"dynamics_account_id":"6f9619ff-8b86-d011-b42d-00c04fc964ff","hs_email_optout":"false","lifecyclestage":"customer"}}""");
    }

    [Fact]
    public void Each_payload_holds_only_its_own_fields_when_one_calculator_computes_many()
    {
        var many = Contact(("email", "ann@x.com"), ("first_name", "Annabelle-Marie"), ("lifecycle_stage", "customer"), ("email_opt_out", "true"));
        var few = Contact(("email", "ann@x.com"), ("first_name", "Al"));
        var target = Target(SourceSystem.Dynamics, ("email", "ann@x.com"));

        var first = _calculator.Compute(many, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("first_name", "Annabelle-Marie"),
            ("lifecycle_stage", "customer"), ("email_opt_out", "true")), target, false).Entries.Single();
        var second = _calculator.Compute(few, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("first_name", "Al")), target, false).Entries.Single();

        first.Payload.Should().Be("""{"donotbulkemail":true,"firstname":"Annabelle-Marie","new_lifecyclestage":100000005}""");
        second.Payload.Should().Be("""{"firstname":"Al"}""");
        JsonNode.Parse(second.Payload)!.AsObject().Should().HaveCount(1);
    }

    [Theory]
    [InlineData(SyncDirection.ToHubSpot, SourceSystem.HubSpot)]
    [InlineData(SyncDirection.ToDynamics, SourceSystem.Dynamics)]
    public void One_way_fields_are_written_only_to_their_target(SyncDirection direction, SourceSystem expectedTarget)
    {
        var calculator = Calculator(TestMappings.Field("note", direction: direction));
        var contact = Contact(("email", "ann@x.com"), ("note", "new"));

        var delta = calculator.Compute(contact, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("note", "old")),
            Target(SourceSystem.Dynamics, ("email", "ann@x.com"), ("note", "old")), false);

        delta.Entries.Should().ContainSingle().Which.Target.Should().Be(expectedTarget);
    }

    [Fact]
    public void Fill_if_missing_writes_only_into_an_empty_target()
    {
        var contact = Contact(("email", "ann@x.com"), ("mobile_phone", "+15550100"));

        var delta = _calculator.Compute(contact, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("mobile_phone", "+15559999")),
            Target(SourceSystem.Dynamics, ("email", "ann@x.com")), false);

        var entry = delta.Entries.Should().ContainSingle().Subject;
        entry.Target.Should().Be(SourceSystem.Dynamics);
        entry.Fields.Should().Equal("mobile_phone");
    }

    [Fact]
    public void Unresolved_manual_fields_are_never_pushed()
    {
        var contact = Contact(("email", "ann@x.com")) is var c
            ? c with { Fields = new Dictionary<string, UnifiedField>(c.Fields) { ["job_title"] = UnifiedField.Unresolved } }
            : null!;

        var delta = _calculator.Compute(contact, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("job_title", "CEO")),
            Target(SourceSystem.Dynamics, ("email", "ann@x.com"), ("job_title", "CTO")), false);

        delta.Entries.Should().BeEmpty();
    }

    [Fact]
    public void A_cleared_value_with_empty_wins_is_pushed_as_a_clear()
    {
        var calculator = Calculator(TestMappings.Field("city", emptyWins: true, hubspot: "city", dynamics: "address1_city"));
        var contact = Contact(("email", "ann@x.com"), ("city", null));

        var delta = calculator.Compute(contact, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("city", "Oslo")),
            Target(SourceSystem.Dynamics, ("email", "ann@x.com"), ("city", "Oslo")), false);

        delta.Entries.Select(e => e.Payload).Should().BeEquivalentTo(
            """{"id":"h1","properties":{"city":""}}""",
            """{"address1_city":null}""");
    }

    [Fact]
    public void A_missing_record_is_created_with_every_filled_field_for_that_direction()
    {
        var contact = Contact(("email", "ann@x.com"), ("first_name", "Ann"), ("account_id", "6f9619ff-8b86-d011-b42d-00c04fc964ff")) with { DynamicsId = null };

        var hubspot = Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("first_name", "Ann"), ("account_id", "6f9619ff-8b86-d011-b42d-00c04fc964ff"));

        var entry = _calculator.Compute(contact, hubspot, null, false).Entries.Single();

        var expectedId = ContactIds.DynamicsContactIdFor(Id);
        entry.Operation.Should().Be(OutboxOperation.Create);
        entry.TargetId.Should().Be(expectedId);
        entry.Fields.Should().Equal("email", "first_name"); // account_id flows to HubSpot only
        entry.Payload.Should().Be($$"""{"contactid":"{{expectedId}}","emailaddress1":"ann@x.com","firstname":"Ann"}""");
    }

    [Fact]
    public void A_hubspot_create_has_no_id_and_a_key_tied_to_the_person()
    {
        var contact = Contact(("email", "ann@x.com"), ("first_name", "Ann")) with { HubSpotId = null };

        var entry = _calculator.Compute(contact, null, Target(SourceSystem.Dynamics, ("email", "ann@x.com"), ("first_name", "Ann")), false).Entries.Single();

        entry.TargetId.Should().BeNull();
        entry.Payload.Should().Be("""{"properties":{"email":"ann@x.com","firstname":"Ann"}}""");
        entry.IdempotencyKey.Should().Be(IdempotencyKey.For(SourceSystem.HubSpot, "new:" + Id, entry.Payload));
    }

    [Fact]
    public void No_create_when_create_missing_is_off_or_a_crosswalk_conflict_stands()
    {
        var contact = Contact(("email", "ann@x.com")) with { DynamicsId = null };
        var hubspot = Target(SourceSystem.HubSpot, ("email", "ann@x.com"));
        var noCreate = new DeltaCalculator(TestMappings.Standard(createInDynamics: false), TestMappings.Sources.Dynamics);

        noCreate.Compute(contact, hubspot, null, false).Entries.Should().BeEmpty();
        _calculator.Compute(contact, hubspot, null, hasCrosswalkConflict: true).Entries.Should().BeEmpty();
        _calculator.Compute(contact, hubspot, null, false).Entries.Should().ContainSingle();
    }

    [Fact]
    public void Deleted_contacts_and_deleted_target_records_get_nothing()
    {
        var contact = Contact(("email", "ann@x.com"), ("first_name", "Ann"));
        var deletedDynamics = Target(SourceSystem.Dynamics, ("email", "ann@x.com")) with { IsDeleted = true };

        _calculator.Compute(contact with { IsDeleted = true }, Target(SourceSystem.HubSpot), Target(SourceSystem.Dynamics), false).Entries.Should().BeEmpty();
        _calculator.Compute(contact, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("first_name", "Ann")), deletedDynamics, false).Entries.Should().BeEmpty();
    }

    [Fact]
    public void An_unwritable_value_is_left_out_and_reported()
    {
        var contact = Contact(("email", "ann@x.com"), ("first_name", "Ann"), ("lifecycle_stage", "partner"));

        var delta = _calculator.Compute(contact, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("first_name", "Ann"), ("lifecycle_stage", "partner")),
            Target(SourceSystem.Dynamics, ("email", "ann@x.com"), ("first_name", "Anne")), false);

        delta.Entries.Should().ContainSingle().Which.Fields.Should().Equal("first_name");
        delta.Issues.Should().ContainSingle().Which.ToString().Should().Be("u1 -> dynamics field lifecycle_stage: 'partner' is not a valid OptionSet value for lifecycle_stage; fix it in the source CRM");
    }

    [Fact]
    public void A_linked_record_without_its_snapshot_is_a_caller_error()
    {
        var act = () => _calculator.Compute(Contact(("email", "ann@x.com")), null, Target(SourceSystem.Dynamics), false);

        act.Should().Throw<ArgumentException>().WithMessage("*hubspot:h1*");
    }

    [Fact]
    public void The_same_write_always_has_the_same_key_and_a_different_write_another()
    {
        var contact = Contact(("email", "ann@x.com"), ("first_name", "Ann"));
        var dynamics = Target(SourceSystem.Dynamics, ("email", "ann@x.com"));

        var first = _calculator.Compute(contact, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("first_name", "Ann")), dynamics, false).Entries.Single();
        var again = _calculator.Compute(contact, Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("first_name", "Ann")), dynamics, false).Entries.Single();
        var other = _calculator.Compute(Contact(("email", "ann@x.com"), ("first_name", "Anna")), Target(SourceSystem.HubSpot, ("email", "ann@x.com"), ("first_name", "Anna")), dynamics, false).Entries.Single();

        again.IdempotencyKey.Should().Be(first.IdempotencyKey);
        other.IdempotencyKey.Should().NotBe(first.IdempotencyKey);
        JsonNode.Parse(first.Payload).Should().NotBeNull();
    }

    private static DeltaCalculator Calculator(params FieldMapping[] fields) =>
        new(new FieldMappingSet([TestMappings.Field("email", FieldType.Email, hubspot: "email", dynamics: "emailaddress1"), .. fields], "email", true, true), TestMappings.Sources.Dynamics);

    private static UnifiedContact Contact(params (string Field, string? Value)[] fields) => Unified.Contact(Id, fields);

    private static ContactSnapshot Target(SourceSystem system, params (string Field, string? Value)[] fields) =>
        Snapshots.Build(system, system == SourceSystem.HubSpot ? "h1" : "d1", [.. fields.Select(f => (f.Field, f.Value, (int?)1))]);
}
