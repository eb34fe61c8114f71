using CrmSync.Core.Contacts;
using CrmSync.Core.Identity;

namespace CrmSync.Core.Tests.Identity;

public class DeterministicGuidTests
{
    [Fact]
    public void Matches_the_uuid_v5_reference_value()
    {
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        DeterministicGuid.Create(dns, "www.example.com").Should().Be(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    [Fact]
    public void Contact_ids_are_stable_and_distinct_per_key()
    {
        var hubspot = ContactIds.UnifiedIdFor(new SourceKey(SourceSystem.HubSpot, "123"));

        hubspot.Should().Be(ContactIds.UnifiedIdFor(new SourceKey(SourceSystem.HubSpot, "123")));
        hubspot.Should().NotBe(ContactIds.UnifiedIdFor(new SourceKey(SourceSystem.Dynamics, "123")));
        ContactIds.DynamicsContactIdFor(hubspot).Should().NotBe(hubspot).And.Be(ContactIds.DynamicsContactIdFor(hubspot));
        Guid.Parse(hubspot).Version.Should().Be(5);
    }

    /// <summary>Unified ids are stored everywhere: these pin the ids the first implementation minted.</summary>
    [Theory]
    [InlineData(SourceSystem.HubSpot, "123", "5f212792-604a-53c7-b2d6-ee8a44955efa")]
    [InlineData(SourceSystem.Dynamics, "0f8fad5b-d9cb-469f-a165-70867728950e", "27507811-e8a2-58d8-bf83-ef040c15a793")]
    [InlineData(SourceSystem.HubSpot, "", "460cd290-ccc2-5a37-a7dc-d68e3cfe40fa")]
    [InlineData(SourceSystem.HubSpot, "Zoë\U0001F600", "f67e7da0-aad9-530a-ac21-06efed710271")]
    public void Unified_ids_keep_their_value(SourceSystem system, string id, string expected)
    {
        ContactIds.UnifiedIdFor(new SourceKey(system, id)).Should().Be(expected);
    }

    [Fact]
    public void A_key_longer_than_any_stack_buffer_keeps_its_unified_id()
    {
        var id = string.Concat(Enumerable.Repeat("Åb\U0001F600", 1000));

        ContactIds.UnifiedIdFor(new SourceKey(SourceSystem.Dynamics, id)).Should().Be("79619cc8-efc8-5d0a-b4d1-2ed1bb6b39a3");
    }

    [Fact]
    public void Dynamics_create_ids_keep_their_value()
    {
        ContactIds.DynamicsContactIdFor("5f212792-604a-53c7-b2d6-ee8a44955efa").Should().Be("37968fe8-6626-5542-9fff-371033771297");
    }
}
