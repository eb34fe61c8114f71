using CrmSync.Connectors.Common;
using CrmSync.Sandbox.Common;

namespace CrmSync.Connectors.Tests.HubSpot;

public sealed class HubSpotMalformedResponseTests
{
    [Theory]
    [InlineData(FaultKind.HtmlPage, "content type 'text/html")]
    [InlineData(FaultKind.TruncatedJson, "not valid JSON")]
    [InlineData(FaultKind.MissingFields, "'results' is missing")]
    public async Task A_malformed_search_response_raises_CrmMalformedResponseException_naming_the_endpoint(FaultKind fault, string problem)
    {
        await using var harness = await HubSpotHarness.StartAsync();
        harness.Emulator.Seed(10);
        harness.Emulator.Faults.FailNext(1, fault);

        var read = async () => await harness.Client.ReadModifiedAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow).ToListAsync();

        var failure = (await read.Should().ThrowAsync<CrmMalformedResponseException>()).Which;
        failure.Endpoint.Should().Be("POST /crm/v3/objects/contacts/search");
        failure.Message.Should().Contain("hubspot POST /crm/v3/objects/contacts/search returned a malformed response").And.Contain(problem);
        failure.Status.Should().Be(200);
        harness.Reporter.Reports.Should().ContainSingle().Which.ErrorCode.Should().Be("MALFORMED_RESPONSE");
    }

    [Fact]
    public async Task A_malformed_batch_response_raises_instead_of_reporting_inputs_as_written()
    {
        await using var harness = await HubSpotHarness.StartAsync();
        var contact = harness.Emulator.Create(HubSpotTestData.Contact("m@example.com"));
        harness.Emulator.Faults.FailNext(1, FaultKind.HtmlPage, "/batch/");

        var write = async () => await harness.Client.UpdateAsync(
            [new Connectors.HubSpot.HubSpotWriteInput("k", contact.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, string?> { ["jobtitle"] = "x" })]).ToListAsync();

        (await write.Should().ThrowAsync<CrmMalformedResponseException>()).Which.Endpoint.Should().Be("POST /crm/v3/objects/contacts/batch/update");
    }
}
