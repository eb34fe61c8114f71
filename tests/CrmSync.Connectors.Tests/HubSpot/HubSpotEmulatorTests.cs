using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmSync.Sandbox.HubSpot;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Connectors.Tests.HubSpot;

/// <summary>The emulator's own contract: search operators and sorts, auth, batch rules, the admin API.</summary>
public sealed class HubSpotEmulatorTests
{
    [Fact]
    public async Task Search_filters_on_email_and_id_with_each_operator_and_sorts_both_ways()
    {
        await using var harness = await HubSpotHarness.StartAsync();
        var a = harness.Emulator.Create(HubSpotTestData.Contact("a@example.com"));
        var b = harness.Emulator.Create(HubSpotTestData.Contact("b@example.com"));
        var c = harness.Emulator.Create(new Dictionary<string, string?> { ["firstname"] = "No email" });
        using var http = Http(harness);

        async Task<long[]> Ids(string filters, string direction = "ASCENDING")
        {
            var body = $$"""{"filterGroups":[{"filters":[{{filters}}]}],"sorts":[{"propertyName":"hs_object_id","direction":"{{direction}}"}],"limit":10}""";
            using var response = await http.PostAsync("crm/v3/objects/contacts/search", new StringContent(body, Encoding.UTF8, "application/json"));
            response.StatusCode.Should().Be(HttpStatusCode.OK, body);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(r => long.Parse(r.GetProperty("id").GetString()!, CultureInfo.InvariantCulture))];
        }

        (await Ids("""{"propertyName":"email","operator":"EQ","value":"A@EXAMPLE.COM"}""")).Should().Equal(a.Id);
        (await Ids("""{"propertyName":"email","operator":"NEQ","value":"a@example.com"}""")).Should().Equal(b.Id, c.Id);
        (await Ids("""{"propertyName":"email","operator":"HAS_PROPERTY"}""")).Should().Equal(a.Id, b.Id);
        (await Ids("""{"propertyName":"email","operator":"NOT_HAS_PROPERTY"}""")).Should().Equal(c.Id);
        (await Ids($$"""{"propertyName":"hs_object_id","operator":"GT","value":"{{a.Id}}"}""")).Should().Equal(b.Id, c.Id);
        (await Ids($$"""{"propertyName":"hs_object_id","operator":"LTE","value":"{{b.Id}}"}""", "DESCENDING")).Should().Equal(b.Id, a.Id);
        (await Ids($$"""{"propertyName":"hs_object_id","operator":"BETWEEN","value":"{{b.Id}}","highValue":"{{c.Id}}"}""")).Should().Equal(b.Id, c.Id);
        (await Ids($$"""{"propertyName":"lastmodifieddate","operator":"LT","value":"{{DateTimeOffset.UtcNow.AddDays(1):O}}"}""")).Should().HaveCount(3, "ISO-8601 values work too");
    }

    [Fact]
    public async Task Search_rejects_what_HubSpot_rejects_with_its_error_body()
    {
        await using var harness = await HubSpotHarness.StartAsync();
        using var http = Http(harness);

        foreach (var body in new[]
        {
            """{"limit":201}""",
            """{"filterGroups":[{"filters":[{"propertyName":"nosuchproperty","operator":"EQ","value":"x"}]}]}""",
            """{"filterGroups":[{"filters":[{"propertyName":"lastmodifieddate","operator":"GTE","value":"yesterday"}]}]}""",
            """{"filterGroups":[{},{},{},{},{},{}]}""",
            """{"limit": 10,""",
        })
        {
            using var response = await http.PostAsync("crm/v3/objects/contacts/search", new StringContent(body, Encoding.UTF8, "application/json"));
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
            using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            error.RootElement.GetProperty("category").GetString().Should().Be("VALIDATION_ERROR");
            error.RootElement.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        }
    }

    [Fact]
    public async Task A_bad_token_gets_401_with_HubSpots_body_and_the_correlation_header()
    {
        await using var harness = await HubSpotHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.Emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pat-na1-wrong");

        using var response = await http.GetAsync("crm/v3/objects/contacts");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        error.RootElement.GetProperty("status").GetString().Should().Be("error");
        error.RootElement.GetProperty("category").GetString().Should().Be("INVALID_AUTHENTICATION");
        response.Headers.GetValues("X-HubSpot-Correlation-Id").Single().Should().Be(error.RootElement.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task Limited_responses_carry_the_rate_limit_headers_and_a_429_names_its_policy()
    {
        await using var harness = await HubSpotHarness.StartAsync(e => e with { LimitsEnabled = true, TenSecondlyLimit = 2 });
        using var http = Http(harness);

        using var first = await http.GetAsync("crm/v3/objects/contacts");
        using var second = await http.GetAsync("crm/v3/objects/contacts");
        using var third = await http.GetAsync("crm/v3/objects/contacts");

        first.Headers.GetValues("X-HubSpot-RateLimit-Max").Single().Should().Be("2");
        first.Headers.GetValues("X-HubSpot-RateLimit-Remaining").Single().Should().Be("1");
        second.Headers.GetValues("X-HubSpot-RateLimit-Remaining").Single().Should().Be("0");
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        using var body = JsonDocument.Parse(await third.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("policyName").GetString().Should().Be("TEN_SECONDLY_ROLLING");
        body.RootElement.GetProperty("errorType").GetString().Should().Be("RATE_LIMIT");
        body.RootElement.GetProperty("category").GetString().Should().Be("RATE_LIMITS");
        harness.Emulator.Limits.RejectedCount.Should().Be(1);
    }

    [Fact]
    public async Task Batch_create_without_trace_ids_fails_as_a_whole_when_one_input_is_invalid()
    {
        await using var harness = await HubSpotHarness.StartAsync();
        using var http = Http(harness);

        using var response = await http.PostAsync("crm/v3/objects/contacts/batch/create", new StringContent(
            """{"inputs":[{"properties":{"email":"ok@example.com"}},{"properties":{"email":"broken"}}]}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("INVALID_EMAIL");
        harness.Emulator.Count.Should().Be(0);
    }

    [Fact]
    public async Task The_admin_API_edits_like_a_user_and_reads_back_the_full_state()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 4, 1, 8, 0, 0, TimeSpan.Zero));
        await using var harness = await HubSpotHarness.StartAsync(e => e with { TimeProvider = clock });
        using var http = new HttpClient { BaseAddress = harness.Emulator.BaseUri };

        using var created = await http.PostAsJsonAsync("_admin/contacts", new { properties = new Dictionary<string, string> { ["email"] = "admin@example.com" } });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        clock.Advance(TimeSpan.FromMinutes(1));
        using var patched = await http.PatchAsJsonAsync($"_admin/contacts/{id}", new { properties = new Dictionary<string, string> { ["city"] = "Oslo" } });
        using var refused = await http.PatchAsJsonAsync($"_admin/contacts/{id}", new { properties = new Dictionary<string, string> { ["email"] = "nope" } });
        using var deleted = await http.DeleteAsync(new Uri($"_admin/contacts/{id}", UriKind.Relative));
        var all = await http.GetFromJsonAsync<JsonElement>("_admin/contacts?includeArchived=true");

        patched.StatusCode.Should().Be(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("INVALID_EMAIL");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var contact = all.EnumerateArray().Single();
        contact.GetProperty("archived").GetBoolean().Should().BeTrue();
        contact.GetProperty("properties").GetProperty("city").GetString().Should().Be("Oslo");
        contact.GetProperty("updatedAt").GetDateTimeOffset().Should().Be(clock.GetUtcNow());
        harness.Emulator.GetAll(includeArchived: false).Should().BeEmpty();
    }

    [Fact]
    public async Task The_admin_API_lists_the_first_contacts_by_id_up_to_a_limit()
    {
        await using var harness = await HubSpotHarness.StartAsync();
        harness.Emulator.Seed(30);
        var ids = harness.Emulator.GetAll(includeArchived: false).Select(c => c.Id).ToList();
        harness.Emulator.Archive(ids[1]);
        using var http = new HttpClient { BaseAddress = harness.Emulator.BaseUri };

        var active = await http.GetFromJsonAsync<JsonElement>("_admin/contacts?includeArchived=false&limit=3");
        var all = await http.GetFromJsonAsync<JsonElement>("_admin/contacts?limit=3");

        active.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).Should().Equal(ids[0], ids[2], ids[3]);
        all.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).Should().Equal(ids[0], ids[1], ids[2]);
    }

    [Fact]
    public async Task Seeding_is_deterministic_and_serves_the_generated_people()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 4, 1, 8, 0, 0, TimeSpan.Zero));
        await using var one = await HubSpotHarness.StartAsync(e => e with { TimeProvider = clock });
        await using var two = await HubSpotHarness.StartAsync(e => e with { TimeProvider = clock });

        one.Emulator.Seed(2_000);
        two.Emulator.Seed(2_000);

        one.Emulator.GetAll().Should().BeEquivalentTo(two.Emulator.GetAll());
        var contacts = one.Emulator.GetAll();
        contacts.Should().HaveCount(2_000);
        contacts.Count(c => c.Properties["email"] is null).Should().BeInRange(40, 200);
        contacts.Should().OnlyContain(c => c.UpdatedAt <= clock.GetUtcNow() && c.CreatedAt <= c.UpdatedAt);
        contacts.Select(c => c.Properties["lifecyclestage"]).Distinct().Should().HaveCountGreaterThan(5);
        var read = await one.Client.ReadAllAsync().ToListAsync();
        read.Select(r => r.Properties["email"]).Should().Equal(contacts.Select(c => c.Properties["email"]));
    }

    private static HttpClient Http(HubSpotHarness harness)
    {
        var http = new HttpClient { BaseAddress = harness.Emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HubSpotHarness.Token);
        return http;
    }
}
