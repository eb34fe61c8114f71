using System.Text.Json;
using CrmSync.Connectors.Common;
using CrmSync.Connectors.HubSpot;
using CrmSync.Sandbox.Common;

namespace CrmSync.Connectors.Tests.HubSpot;

public sealed class HubSpotSecretTests
{
    [Fact]
    public async Task A_rejected_token_gives_CrmAuthenticationException_without_the_token_anywhere()
    {
        const string wrongToken = "pat-na1-SECRET-wrong-token-0000";
        await using var harness = await HubSpotHarness.StartAsync(client: c => c with { AccessToken = wrongToken });

        var read = async () => await harness.Client.ReadAllAsync().ToListAsync();

        var failure = (await read.Should().ThrowAsync<CrmAuthenticationException>()).Which;
        failure.Status.Should().Be(401);
        failure.ErrorCode.Should().Be("INVALID_AUTHENTICATION");
        failure.ToString().Should().NotContain(wrongToken).And.NotContain("SECRET");
        JsonSerializer.Serialize(harness.Reporter.Reports).Should().NotContain("SECRET");
        string.Join('\n', harness.Logger.Lines).Should().NotContain("SECRET");
        harness.Reporter.Reports.Should().ContainSingle().Which.Attempt.Should().Be(1, "a 401 is not retried");
    }

    [Fact]
    public async Task Reports_logs_and_exceptions_of_a_whole_session_never_carry_the_token()
    {
        await using var harness = await HubSpotHarness.StartAsync();
        harness.Emulator.Seed(30);
        harness.Emulator.Faults.FailNext(1, FaultKind.ServerError);
        harness.Emulator.Faults.FailNext(1, FaultKind.DropConnection);

        await harness.Client.ReadModifiedAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow).ToListAsync();
        await harness.Client.ReadAllAsync().ToListAsync();
        await harness.Client.UpdateAsync([new HubSpotWriteInput("k", "1", new Dictionary<string, string?> { ["email"] = "bad" })]).ToListAsync();
        harness.Emulator.Faults.FailNext(10, FaultKind.ServerError);
        var failing = async () => await harness.Client.GetPropertiesAsync();
        var failure = (await failing.Should().ThrowAsync<CrmTransientException>()).Which;

        var everything = string.Join('\n', JsonSerializer.Serialize(harness.Reporter.Reports), string.Join('\n', harness.Logger.Lines), failure.ToString());
        harness.Reporter.Reports.Count.Should().BeGreaterThan(5);
        harness.Logger.Lines.Should().NotBeEmpty();
        everything.Should().NotContain(HubSpotHarness.Token).And.NotContain("11111111-2222");
    }
}
