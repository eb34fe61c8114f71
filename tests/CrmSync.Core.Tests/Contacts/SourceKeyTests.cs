using CrmSync.Core.Contacts;

namespace CrmSync.Core.Tests.Contacts;

public class SourceKeyTests
{
    [Fact]
    public void Formats_into_a_span_as_it_prints()
    {
        var key = new SourceKey(SourceSystem.Dynamics, "Zoë\U0001F600");
        Span<char> destination = stackalloc char[32];

        key.TryFormat(destination, out var written).Should().BeTrue();

        destination[..written].ToString().Should().Be(key.ToString()).And.Be("dynamics:Zoë\U0001F600");
    }

    [Fact]
    public void Reports_a_destination_too_small()
    {
        var key = new SourceKey(SourceSystem.HubSpot, "123");
        Span<char> destination = stackalloc char[key.ToString().Length - 1];

        key.TryFormat(destination, out _).Should().BeFalse();
    }
}
