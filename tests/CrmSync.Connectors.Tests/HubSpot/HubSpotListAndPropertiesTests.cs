using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Connectors.Tests.HubSpot;

public sealed class HubSpotListAndPropertiesTests
{
    [Fact]
    public async Task ReadAll_pages_through_every_active_contact_and_ReadArchived_yields_the_deletes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero));
        await using var harness = await HubSpotHarness.StartAsync(e => e with { TimeProvider = clock });
        harness.Emulator.Seed(250);
        var victims = harness.Emulator.GetAll().Take(3).Select(c => c.Id).ToList();
        clock.Advance(TimeSpan.FromHours(1));
        victims.ForEach(harness.Emulator.Archive);

        var all = await harness.Client.ReadAllAsync().ToListAsync();
        var archived = await harness.Client.ReadArchivedAsync().ToListAsync();

        all.Should().HaveCount(247);
        all.Select(r => r.Id).Should().OnlyHaveUniqueItems().And.NotContain(victims.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        all.Should().OnlyContain(r => !r.IsDeleted && r.Properties.ContainsKey("lifecyclestage"));
        archived.Select(r => long.Parse(r.Id, System.Globalization.CultureInfo.InvariantCulture)).Should().BeEquivalentTo(victims);
        archived.Should().OnlyContain(r => r.IsDeleted && r.ModifiedAt == clock.GetUtcNow());
        harness.Reporter.Reports.Count(r => r.Operation == "list").Should().Be(3, "250 contacts at 100 per page");
    }

    [Fact]
    public async Task Property_discovery_returns_types_field_types_and_enumeration_options()
    {
        await using var harness = await HubSpotHarness.StartAsync();

        var properties = (await harness.Client.GetPropertiesAsync()).ToDictionary(p => p.Name);

        properties["lifecyclestage"].Type.Should().Be("enumeration");
        properties["lifecyclestage"].FieldType.Should().Be("radio");
        properties["lifecyclestage"].Options.Select(o => o.Value).Should().Contain(["subscriber", "lead", "customer"]);
        properties["lifecyclestage"].Options.Should().Contain(o => o.Label == "Marketing Qualified Lead" && o.Value == "marketingqualifiedlead");
        properties["hs_email_optout"].Type.Should().Be("bool");
        properties["hs_email_optout"].FieldType.Should().Be("booleancheckbox");
        properties["lastmodifieddate"].Should().BeEquivalentTo(new { Type = "datetime", ReadOnlyValue = true });
        properties["hs_object_id"].HasUniqueValue.Should().BeTrue();
        properties["email"].ReadOnlyValue.Should().BeFalse();
    }
}
