using CrmSync.Core.Deltas;

namespace CrmSync.Core.Tests.Deltas;

/// <summary>
/// Idempotency keys are stored in the outboxes: these pin the values the first implementation produced, so a
/// rewrite that changed one byte (and so re-sent every pending write) fails here.
/// </summary>
public class IdempotencyKeyTests
{
    [Theory]
    [InlineData(SourceSystem.Dynamics, "d1", "{\"firstname\":\"Ann\"}", "423039feef1e89829e443c5d4eed6ab021387bacd8358539e99d8275065a5af5")]
    [InlineData(SourceSystem.HubSpot, "", "", "6007bc9ff1e0f14d2c4000b3b727ce4b7cf7cb0fab6ca9fa4e067a999727ff28")]
    [InlineData(SourceSystem.HubSpot, "new:u1", "{\"firstname\":\"Zoë \U0001F600 日本\"}", "d74f3240808b51092ff47c6892a92b748bf285e23c4ba22e545d2a3add7e4111")]
    public void Keeps_its_key(SourceSystem target, string targetId, string payload, string expected)
    {
        IdempotencyKey.For(target, targetId, payload).Should().Be(expected);
    }

    [Fact]
    public void A_payload_longer_than_any_stack_buffer_keeps_its_key()
    {
        var payload = string.Concat(Enumerable.Repeat("Åb\U0001F600", 1000));

        IdempotencyKey.For(SourceSystem.Dynamics, "d1", payload).Should().Be("5b91095cd2382e7a2a820541950dd42e63f531fb6f3161fc99fb93d8e444cd33");
    }
}
