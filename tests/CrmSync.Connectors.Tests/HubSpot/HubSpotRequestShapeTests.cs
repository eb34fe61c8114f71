using System.Text.Json;
using CrmSync.Connectors.HubSpot;

namespace CrmSync.Connectors.Tests.HubSpot;

/// <summary>Requests compared with the shapes in HubSpot's public API documentation (search guide, objects and batch references).</summary>
public sealed class HubSpotRequestShapeTests
{
    [Fact]
    public async Task Search_posts_the_documented_filter_sort_and_paging_body_with_a_bearer_token()
    {
        await using var harness = await HubSpotHarness.StartAsync(client: c => c with { Properties = ["email", "lastmodifieddate"] });
        harness.Emulator.Capture.Enabled = true;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1_579_514_400_000);
        var to = DateTimeOffset.FromUnixTimeMilliseconds(1_579_600_800_000);

        await harness.Client.ReadModifiedAsync(from, to).ToListAsync();

        var request = harness.Emulator.Capture.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/crm/v3/objects/contacts/search");
        request.Headers["Authorization"].Should().Be("Bearer " + HubSpotHarness.Token);
        request.Headers["Content-Type"].Should().StartWith("application/json");
        // The search guide's example: filterGroups[].filters[] {propertyName, operator, value as epoch-ms string}, sorts[] {propertyName, direction}.
        Normalize(request.Body).Should().Be(Normalize("""
            {
              "filterGroups": [ { "filters": [
                { "propertyName": "lastmodifieddate", "operator": "GTE", "value": "1579514400000" },
                { "propertyName": "lastmodifieddate", "operator": "LTE", "value": "1579600800000" } ] } ],
              "sorts": [ { "propertyName": "hs_object_id", "direction": "ASCENDING" } ],
              "properties": [ "email", "lastmodifieddate" ],
              "limit": 200
            }
            """));
    }

    [Fact]
    public async Task List_gets_contacts_with_limit_properties_archived_and_after_in_the_query()
    {
        await using var harness = await HubSpotHarness.StartAsync(client: c => c with { Properties = ["email", "firstname"], ListPageSize = 2 });
        harness.Emulator.Seed(3);
        harness.Emulator.Capture.Enabled = true;

        await harness.Client.ReadAllAsync().ToListAsync();

        var requests = harness.Emulator.Capture.Requests;
        requests.Should().HaveCount(2).And.OnlyContain(r => r.Method == "GET" && r.Path == "/crm/v3/objects/contacts" && r.Body == "");
        Uri.UnescapeDataString(requests[0].QueryString).Should().Be("?limit=2&properties=email,firstname&archived=false");
        Uri.UnescapeDataString(requests[1].QueryString).Should().Be("?limit=2&properties=email,firstname&archived=false&after=100003");
    }

    [Fact]
    public async Task Batch_update_posts_inputs_with_id_and_properties_as_documented()
    {
        await using var harness = await HubSpotHarness.StartAsync();
        var contact = harness.Emulator.Create(HubSpotTestData.Contact("shape@example.com"));
        harness.Emulator.Capture.Enabled = true;
        var id = contact.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await harness.Client.UpdateAsync([new HubSpotWriteInput("k1", id, new Dictionary<string, string?> { ["firstname"] = "Ada", ["phone"] = null })]).ToListAsync();

        var request = harness.Emulator.Capture.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/crm/v3/objects/contacts/batch/update");
        Normalize(request.Body).Should().Be(Normalize($$"""
            { "inputs": [ { "id": "{{id}}", "properties": { "firstname": "Ada", "phone": "" }, "objectWriteTraceId": "0" } ] }
            """));
    }

    [Fact]
    public async Task Batch_upsert_names_the_id_property_for_every_input()
    {
        await using var harness = await HubSpotHarness.StartAsync();
        harness.Emulator.Capture.Enabled = true;

        await harness.Client.UpsertAsync([new HubSpotWriteInput("k1", "a@example.com", new Dictionary<string, string?> { ["firstname"] = "A" })], "email").ToListAsync();

        Normalize(harness.Emulator.Capture.Requests.Single().Body).Should().Be(Normalize("""
            { "inputs": [ { "id": "a@example.com", "idProperty": "email", "properties": { "firstname": "A" }, "objectWriteTraceId": "0" } ] }
            """));
    }

    private static string Normalize(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
