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
}
