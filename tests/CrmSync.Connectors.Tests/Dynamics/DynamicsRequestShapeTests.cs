using System.Net.Http.Headers;
using System.Text.Json;
using CrmSync.Connectors.Dynamics;
using CrmSync.Sandbox.Common;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>
/// The requests the client sends, compared with the examples of the public documentation
/// (query/page-results, use-change-tracking, execute-batch-operations, perform-conditional-operations,
/// OAuth client credentials).
/// </summary>
public sealed class DynamicsRequestShapeTests : IAsyncLifetime
{
    private DynamicsTestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await DynamicsTestHarness.StartAsync();
        _harness.Emulator.Capture.Enabled = true;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_token_request_is_a_client_credentials_form_post_with_the_org_default_scope()
    {
        var client = _harness.Client();

        await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        var token = _harness.Emulator.Capture.Requests.Single(r => r.Path.EndsWith("/token", StringComparison.Ordinal));
        token.Method.Should().Be("POST");
        token.Path.Should().Be($"/{_harness.Emulator.TenantId}/oauth2/v2.0/token");
        token.Headers["Content-Type"].Should().StartWith("application/x-www-form-urlencoded");
        var form = token.Body.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        form.Should().Contain("grant_type", "client_credentials")
            .And.Contain("client_id", _harness.Emulator.ClientId)
            .And.Contain("scope", _harness.Emulator.OrgUri + "/.default");
    }

    [Fact]
    public async Task A_watermark_read_sends_select_filter_orderby_and_the_documented_headers()
    {
        var client = _harness.Client(_harness.Options(pageSize: 250));

        await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, DynamicsReadCursor.Watermark(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))));

        var read = _harness.Emulator.Capture.Requests.Single(r => r.Path == "/api/data/v9.2/contacts");
        read.Method.Should().Be("GET");
        var query = QueryOf(read);
        query["$select"].Split(',').Should().Contain(["contactid", "firstname", "lastname", "emailaddress1", "modifiedon", "_parentcustomerid_value"]);
        query["$filter"].Should().Be("modifiedon ge 2025-01-01T00:00:00Z");
        query["$orderby"].Should().Be("modifiedon asc,contactid asc");
        read.Headers["OData-Version"].Should().Be("4.0");
        read.Headers["OData-MaxVersion"].Should().Be("4.0");
        read.Headers["Accept"].Should().Be("application/json");
        read.Headers["Authorization"].Should().StartWith("Bearer ");
        read.Headers["Prefer"].Should().Contain("odata.maxpagesize=250")
            .And.Contain("odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"");
    }

    [Fact]
    public async Task The_next_link_is_followed_exactly_as_the_service_gave_it()
    {
        _harness.Emulator.Seed(7);
        var client = _harness.Client(_harness.Options(pageSize: 3));
        var nextLink = await FirstPageNextLinkAsync("contacts?$select=contactid,modifiedon&$orderby=modifiedon%20asc,contactid%20asc", "odata.maxpagesize=3");
        _harness.Emulator.Capture.Clear();

        await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        var reads = _harness.Emulator.Capture.Requests.Where(r => r.Path == "/api/data/v9.2/contacts").ToList();
        reads.Should().HaveCount(3);
        nextLink.Should().Contain("$skiptoken=%3Ccookie%20pagenumber%3D%222%22");
        // Same data and order, so the client's second request carries the very same, still-encoded token.
        var expectedToken = nextLink.Split("$skiptoken=")[1];
        reads[1].QueryString.Split("$skiptoken=")[1].Should().Be(expectedToken);
        reads[1].QueryString.Should().StartWith(reads[0].QueryString + "&$skiptoken=");
    }

    [Fact]
    public async Task Change_tracking_asks_for_track_changes_without_filter_or_orderby()
    {
        var client = _harness.Client(_harness.Options(DynamicsReadMode.ChangeTracking));

        await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        var read = _harness.Emulator.Capture.Requests.Single(r => r.Path == "/api/data/v9.2/contacts");
        read.Headers["Prefer"].Should().Contain("odata.track-changes");
        QueryOf(read).Keys.Should().BeEquivalentTo(["$select"]);
    }

    [Fact]
    public async Task A_batch_is_multipart_mixed_with_one_change_set_per_record_conditional_patches_and_content_ids()
    {
        var existing = _harness.Emulator.Seed(1)[0];
        var created = ContactIdsForTests.For("hubspot:42");
        var client = _harness.Client(_harness.Options(optionSets: new DynamicsOptionSetMap(new Dictionary<string, IReadOnlyDictionary<int, string>>())));

        await _harness.RunAsync(() => client.WriteContactsAsync(
        [
            new("create", created, true, new Dictionary<string, object?> { ["firstname"] = "Ann", ["donotbulkemail"] = false }),
            new("update", existing.ContactId, false, new Dictionary<string, object?> { ["jobtitle"] = null }),
        ]));

        var batch = _harness.Emulator.Capture.Requests.Single(r => r.Path == "/api/data/v9.2/$batch");
        batch.Method.Should().Be("POST");
        var contentType = MediaTypeHeaderValue.Parse(batch.Headers["Content-Type"]);
        contentType.MediaType.Should().Be("multipart/mixed");
        var boundary = contentType.Parameters.Single(p => p.Name == "boundary").Value!;
        boundary.Should().StartWith("batch_");
        batch.Headers["Prefer"].Should().Be("odata.continue-on-error");
        batch.Headers["OData-Version"].Should().Be("4.0");
        var body = batch.Body;
        body.Should().StartWith($"--{boundary}\r\nContent-Type: multipart/mixed; boundary=changeset_");
        body.Should().Contain(
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n" +
            $"PATCH /api/data/v9.2/contacts({created:D}) HTTP/1.1\r\nContent-Type: application/json\r\nIf-None-Match: *\r\n\r\n" +
            "{\"firstname\":\"Ann\",\"donotbulkemail\":false}\r\n");
        body.Should().Contain(
            "Content-ID: 2\r\n\r\n" +
            $"PATCH /api/data/v9.2/contacts({existing.ContactId:D}) HTTP/1.1\r\nContent-Type: application/json\r\nIf-Match: *\r\n\r\n" +
            "{\"jobtitle\":null}\r\n");
        body.Should().EndWith($"--{boundary}--\r\n");
        body.Split("Content-Type: multipart/mixed; boundary=changeset_").Should().HaveCount(3, "each record is its own change set");
    }

    [Fact]
    public async Task The_option_set_request_uses_the_documented_metadata_path()
    {
        var client = _harness.Client();

        await _harness.RunAsync(() => client.GetOptionSetsAsync());

        var request = _harness.Emulator.Capture.Requests.Single(r => r.Path.Contains("EntityDefinitions", StringComparison.Ordinal));
        Uri.UnescapeDataString(request.Path).Should().Be(
            "/api/data/v9.2/EntityDefinitions(LogicalName='contact')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata");
        QueryOf(request).Should().Contain("$select", "LogicalName").And.Contain("$expand", "OptionSet");
    }

    private static Dictionary<string, string> QueryOf(CapturedRequest request) =>
        request.QueryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));

    private async Task<string> FirstPageNextLinkAsync(string relative, string prefer)
    {
        using var http = await DynamicsRawHttp.CreateAsync(_harness.Emulator);
        using var request = new HttpRequestMessage(HttpMethod.Get, _harness.Emulator.ServiceRoot + relative);
        request.Headers.Add("Prefer", prefer);
        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("@odata.nextLink").GetString()!;
    }
}
