using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>The emulator's Web API behaviour, tested over raw HTTP as any client would see it.</summary>
public sealed class DynamicsEmulatorTests : IAsyncLifetime
{
    private DynamicsTestHarness _harness = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _harness = await DynamicsTestHarness.StartAsync();
        _http = await DynamicsRawHttp.CreateAsync(_harness.Emulator);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _harness.DisposeAsync();
    }

    [Theory]
    [InlineData("lastname eq 'O''Brien'", "obrien")]
    [InlineData("lastname eq 'o''brien'", "obrien")]
    [InlineData("lastname ne 'Smith' and jobtitle eq null", "obrien,nobody")]
    [InlineData("new_lifecyclestage ge 100000003", "smith,obrien")]
    [InlineData("new_lifecyclestage lt 100000003 or emailaddress1 eq 'n@x.com'", "jones,nobody")]
    [InlineData("modifiedon gt 2025-06-01T00:00:30Z", "obrien,nobody")]
    [InlineData("modifiedon le 2025-06-01T00:00:30Z", "smith,jones")]
    [InlineData("not (donotbulkemail eq true)", "smith,jones,nobody")]
    [InlineData("(lastname eq 'Smith' or lastname eq 'Jones') and new_lifecyclestage gt 100000001", "smith")]
    public async Task Filters_select_exactly_the_matching_rows(string filter, string expected)
    {
        var ids = SeedFilterFixture();

        var rows = await GetRowsAsync("contacts?$select=lastname&$filter=" + Uri.EscapeDataString(filter));

        rows.Select(r => r.GetProperty("contactid").GetGuid()).Should().BeEquivalentTo(expected.Split(',').Select(name => ids[name]));
    }

    [Fact]
    public async Task A_guid_literal_filters_by_key()
    {
        var ids = SeedFilterFixture();

        var rows = await GetRowsAsync("contacts?$filter=" + Uri.EscapeDataString($"contactid eq {ids["jones"]}"));

        rows.Should().ContainSingle().Which.GetProperty("lastname").GetString().Should().Be("Jones");
    }

    [Theory]
    [InlineData("contacts?$filter=" + "lastname%20eq%20'unterminated", "Unterminated string literal")]
    [InlineData("contacts?$filter=" + "nosuch%20eq%201", "Could not find a property named 'nosuch'")]
    [InlineData("contacts?$filter=" + "lastname%20like%20'x'", "Unsupported operator 'like'")]
    [InlineData("contacts?$filter=" + "modifiedon%20ge%20'yesterday'", "incompatible types")]
    [InlineData("contacts?$skip=10", "$skip is not supported")]
    [InlineData("contacts?$select=lastname,bogus", "Could not find a property named 'bogus'")]
    public async Task Bad_queries_are_400_with_a_dataverse_error(string relative, string message)
    {
        using var response = await _http.GetAsync(_harness.Emulator.ServiceRoot + relative);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        error.GetProperty("code").GetString().Should().StartWith("0x");
        error.GetProperty("message").GetString().Should().Contain(message);
    }

    [Fact]
    public async Task Change_tracking_refuses_filter_and_orderby()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _harness.Emulator.ServiceRoot + "contacts?$filter=" + Uri.EscapeDataString("lastname eq 'x'"));
        request.Headers.Add("Prefer", "odata.track-changes");

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("$filter is not supported with change tracking");
    }

    [Fact]
    public async Task Page_size_is_capped_at_5000_and_top_is_ignored_with_maxpagesize()
    {
        _harness.Emulator.Seed(5001);
        using var request = new HttpRequestMessage(HttpMethod.Get, _harness.Emulator.ServiceRoot + "contacts?$select=lastname&$top=10");
        request.Headers.Add("Prefer", "odata.maxpagesize=9000");

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        body.GetProperty("value").GetArrayLength().Should().Be(5000);
        body.TryGetProperty("@odata.nextLink", out _).Should().BeTrue();
        response.Headers.GetValues("Preference-Applied").Single().Should().Contain("odata.maxpagesize=5000");
    }

    [Fact]
    public async Task Top_without_maxpagesize_limits_the_result_without_a_next_link()
    {
        _harness.Emulator.Seed(20);

        var body = await _http.GetFromJsonAsync<JsonElement>(_harness.Emulator.ServiceRoot + "contacts?$select=lastname&$top=5");

        body.GetProperty("value").GetArrayLength().Should().Be(5);
        body.TryGetProperty("@odata.nextLink", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Conditional_patches_follow_the_documented_404_and_412_rules()
    {
        var existing = _harness.Emulator.Create(new Dictionary<string, object?> { ["lastname"] = "Exists" });
        var missing = Guid.NewGuid();

        using var updateMissing = await PatchAsync(missing, "{\"lastname\":\"x\"}", ("If-Match", "*"));
        using var createExisting = await PatchAsync(existing.ContactId, "{\"lastname\":\"x\"}", ("If-None-Match", "*"));
        using var staleEtag = await PatchAsync(existing.ContactId, "{\"lastname\":\"x\"}", ("If-Match", $"W/\"{existing.VersionNumber + 1000}\""));
        using var upsert = await PatchAsync(missing, "{\"lastname\":\"Upserted\"}");
        using var currentEtag = await PatchAsync(existing.ContactId, "{\"jobtitle\":\"Now\"}", ("If-Match", $"W/\"{existing.VersionNumber}\""));

        updateMissing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ErrorCodeAsync(updateMissing)).Should().Be("0x80040217");
        createExisting.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await ErrorCodeAsync(createExisting)).Should().Be("0x80040237");
        staleEtag.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await ErrorCodeAsync(staleEtag)).Should().Be("0x80060882");
        upsert.StatusCode.Should().Be(HttpStatusCode.NoContent);
        upsert.Headers.GetValues("OData-EntityId").Single().Should().EndWith($"contacts({missing:D})");
        currentEtag.StatusCode.Should().Be(HttpStatusCode.NoContent);
        _harness.Emulator.Get(missing)!["lastname"].Should().Be("Upserted");
        _harness.Emulator.Get(existing.ContactId)!["lastname"].Should().Be("Exists");
        _harness.Emulator.Get(existing.ContactId)!["jobtitle"].Should().Be("Now");
    }

    [Fact]
    public async Task A_write_advances_modifiedon_on_the_emulator_clock_and_keeps_createdon()
    {
        var contact = _harness.Emulator.Create(new Dictionary<string, object?> { ["lastname"] = "Clock" });
        _harness.Clock.Advance(TimeSpan.FromMinutes(3).Add(TimeSpan.FromMilliseconds(700)));

        using var response = await PatchAsync(contact.ContactId, "{\"firstname\":\"Tick\"}", ("If-Match", "*"));

        var row = _harness.Emulator.Get(contact.ContactId)!;
        row.CreatedOn.Should().Be(DynamicsTestHarness.Start);
        row.ModifiedOn.Should().Be(DynamicsTestHarness.Start.AddMinutes(3), "Dataverse keeps datetimes to the second");
        row.VersionNumber.Should().BeGreaterThan(contact.VersionNumber);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_get_401()
    {
        using var anonymous = new HttpClient();
        using var response = await anonymous.GetAsync(_harness.Emulator.ServiceRoot + "contacts");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
    }

    [Fact]
    public async Task Over_the_request_budget_the_service_answers_429_with_Retry_After_and_its_code()
    {
        _harness.Emulator.Limits.Configure(2, TimeSpan.FromMinutes(5));
        for (var i = 0; i < 2; i++) (await _http.GetAsync(_harness.Emulator.ServiceRoot + "contacts")).EnsureSuccessStatusCode();
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));

        using var response = await _http.GetAsync(_harness.Emulator.ServiceRoot + "contacts");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(4));
        (await ErrorCodeAsync(response)).Should().Be("0x80072322");
        _harness.Emulator.Limits.Enabled = false;
        (await _http.GetAsync(_harness.Emulator.ServiceRoot + "contacts")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Over_the_execution_time_budget_the_service_answers_429_with_its_own_code()
    {
        _harness.Emulator.Limits.ExecutionTimePerWindow = TimeSpan.FromSeconds(1);
        _harness.Emulator.Limits.ExecutionTimePerOperation = TimeSpan.FromSeconds(2);
        (await _http.GetAsync(_harness.Emulator.ServiceRoot + "contacts")).EnsureSuccessStatusCode();

        using var response = await _http.GetAsync(_harness.Emulator.ServiceRoot + "contacts");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await ErrorCodeAsync(response)).Should().Be("0x80072321");
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(5));
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));
        (await _http.GetAsync(_harness.Emulator.ServiceRoot + "contacts")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Beyond_52_requests_in_flight_the_service_answers_429_with_its_concurrency_code_and_up_to_52_it_answers_all()
    {
        var limits = _harness.Emulator.Limits;
        limits.MaxConcurrentRequests.Should().Be(52, "Dataverse's documented limit of concurrent requests per user");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = Enumerable.Range(0, 52)
            .Select(_ => _http.PatchAsync($"{_harness.Emulator.ServiceRoot}contacts({Guid.NewGuid():D})", new HeldBodyContent("{\"lastname\":\"Held\"}"u8.ToArray(), release.Task)))
            .ToList();
        // The service admits a request on its headers and serves it until its body has arrived.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (limits.InFlight < 52 && !held.Any(h => h.IsCompleted))
            {
                await Task.Delay(1, timeout.Token);
            }
        }

        limits.InFlight.Should().Be(52);
        using var over = await _http.GetAsync(_harness.Emulator.ServiceRoot + "contacts");

        over.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        over.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        var error = (await over.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        error.GetProperty("code").GetString().Should().Be("0x80072326");
        error.GetProperty("message").GetString().Should().Be("Number of concurrent requests exceeded the limit of 52.");
        held.Should().OnlyContain(h => !h.IsCompleted, "the 52 admitted requests are still being served");

        release.SetResult();
        var answers = await Task.WhenAll(held);

        answers.Select(a => a.StatusCode).Should().OnlyContain(status => status == HttpStatusCode.NoContent, "52 at once is within the limit");
        limits.Rejections.Should().Be(1);
        limits.InFlight.Should().Be(0);
        (await _http.GetAsync(_harness.Emulator.ServiceRoot + "contacts")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task A_batch_over_the_operation_limit_is_refused_whole()
    {
        _harness.Emulator.MaxBatchOperations = 2;
        var body = new StringBuilder();
        for (var i = 0; i < 3; i++)
            body.Append("--batch_x\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET /api/data/v9.2/contacts HTTP/1.1\r\n\r\n\r\n");
        body.Append("--batch_x--\r\n");
        using var content = new StringContent(body.ToString());
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_x");

        using var response = await _http.PostAsync(_harness.Emulator.ServiceRoot + "$batch", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("exceeds the limit of 2");
    }

    [Fact]
    public async Task Without_continue_on_error_a_batch_stops_at_the_first_failure()
    {
        var body = "--batch_y\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n" +
                   $"PATCH /api/data/v9.2/contacts({Guid.NewGuid():D}) HTTP/1.1\r\nContent-Type: application/json\r\nIf-Match: *\r\n\r\n{{\"lastname\":\"a\"}}\r\n" +
                   "--batch_y\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n" +
                   $"PATCH /api/data/v9.2/contacts({Guid.NewGuid():D}) HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{{\"lastname\":\"b\"}}\r\n" +
                   "--batch_y--\r\n";
        using var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_y");

        using var response = await _http.PostAsync(_harness.Emulator.ServiceRoot + "$batch", content);
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        text.Should().Contain("HTTP/1.1 404 Not Found").And.NotContain("Content-ID: 2");
        _harness.Emulator.Count.Should().Be(0);
    }

    [Fact]
    public async Task Option_set_metadata_lists_the_lifecycle_and_contact_method_picklists()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>(_harness.Emulator.ServiceRoot +
            "EntityDefinitions(LogicalName='contact')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet");

        var attributes = body.GetProperty("value").EnumerateArray().ToDictionary(a => a.GetProperty("LogicalName").GetString()!);
        attributes.Keys.Should().BeEquivalentTo(["new_lifecyclestage", "preferredcontactmethodcode"]);
        var options = attributes["new_lifecyclestage"].GetProperty("OptionSet").GetProperty("Options").EnumerateArray().ToList();
        options.Should().HaveCount(8);
        options[0].GetProperty("Value").GetInt32().Should().Be(100000000);
        options[0].GetProperty("Label").GetProperty("UserLocalizedLabel").GetProperty("Label").GetString().Should().Be("Subscriber");
    }

    [Fact]
    public async Task Seeding_is_deterministic_and_realistic()
    {
        await using var other = await DynamicsEmulator.StartAsync(new DynamicsEmulatorOptions { TimeProvider = _harness.Clock });

        var first = _harness.Emulator.Seed(2000, new SeedOptions { Seed = 7 });
        var second = other.Seed(2000, new SeedOptions { Seed = 7 });

        first.Select(c => (c.ContactId, c["emailaddress1"], c["lastname"], c.ModifiedOn)).Should().Equal(second.Select(c => (c.ContactId, c["emailaddress1"], c["lastname"], c.ModifiedOn)));
        var emails = first.Select(c => c["emailaddress1"] as string).ToList();
        emails.Should().Contain((string?)null, "some contacts have no email");
        emails.OfType<string>().GroupBy(e => e, StringComparer.OrdinalIgnoreCase).Should().Contain(g => g.Count() > 1, "Dynamics allows duplicate emails");
        first.Should().OnlyContain(c => c.ModifiedOn <= DynamicsTestHarness.Start && c.CreatedOn <= c.ModifiedOn);
        first.Select(c => c["_parentcustomerid_value"]).Distinct().Count().Should().BeGreaterThan(5);
        first.Select(c => c["new_lifecyclestage"]).OfType<int>().Should().HaveCount(2000).And.OnlyContain(code => code >= 100000000 && code <= 100000007);
    }

    [Fact]
    public async Task The_admin_api_edits_and_reads_back_the_full_state()
    {
        using var admin = new HttpClient { BaseAddress = _harness.Emulator.BaseUri };

        using var created = await admin.PostAsJsonAsync("_admin/dynamics/contacts", new Dictionary<string, object> { ["lastname"] = "Admin", ["new_lifecyclestage"] = 100000001 });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contactid").GetGuid();
        using var edited = await admin.PatchAsJsonAsync($"_admin/dynamics/contacts/{id}", new Dictionary<string, object> { ["jobtitle"] = "Editor" });
        using var invalid = await admin.PatchAsJsonAsync($"_admin/dynamics/contacts/{id}", new Dictionary<string, object> { ["new_lifecyclestage"] = 5 });
        var all = await admin.GetFromJsonAsync<JsonElement>("_admin/dynamics/contacts");
        using var deleted = await admin.DeleteAsync($"_admin/dynamics/contacts/{id}");

        created.StatusCode.Should().Be(HttpStatusCode.OK);
        edited.StatusCode.Should().Be(HttpStatusCode.OK);
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        all.EnumerateArray().Should().ContainSingle().Which.GetProperty("jobtitle").GetString().Should().Be("Editor");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        _harness.Emulator.Count.Should().Be(0);
    }

    [Fact]
    public async Task The_admin_api_lists_the_first_contacts_by_modification_up_to_a_limit()
    {
        var ids = SeedFilterFixture();
        using var admin = new HttpClient { BaseAddress = _harness.Emulator.BaseUri };

        var firstTwo = await admin.GetFromJsonAsync<JsonElement>("_admin/dynamics/contacts?limit=2");

        firstTwo.EnumerateArray().Select(c => c.GetProperty("contactid").GetGuid()).Should().Equal(ids["smith"], ids["jones"]);
    }

    /// <summary>Four contacts written a few seconds apart: smith (t0), jones (t30), obrien (t31), nobody (t60).</summary>
    private Dictionary<string, Guid> SeedFilterFixture()
    {
        var e = _harness.Emulator;
        var ids = new Dictionary<string, Guid>();
        ids["smith"] = e.Create(new Dictionary<string, object?> { ["lastname"] = "Smith", ["new_lifecyclestage"] = 100000005, ["jobtitle"] = "CEO", ["donotbulkemail"] = false }).ContactId;
        _harness.Clock.Advance(TimeSpan.FromSeconds(30));
        ids["jones"] = e.Create(new Dictionary<string, object?> { ["lastname"] = "Jones", ["new_lifecyclestage"] = 100000001, ["jobtitle"] = "CTO" }).ContactId;
        _harness.Clock.Advance(TimeSpan.FromSeconds(1));
        ids["obrien"] = e.Create(new Dictionary<string, object?> { ["lastname"] = "O'Brien", ["new_lifecyclestage"] = 100000003, ["donotbulkemail"] = true }).ContactId;
        _harness.Clock.Advance(TimeSpan.FromSeconds(29));
        ids["nobody"] = e.Create(new Dictionary<string, object?> { ["lastname"] = "Nobody", ["emailaddress1"] = "n@x.com" }).ContactId;
        return ids;
    }

    private async Task<List<JsonElement>> GetRowsAsync(string relative)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>(_harness.Emulator.ServiceRoot + relative);
        return [.. body.GetProperty("value").EnumerateArray()];
    }

    private async Task<HttpResponseMessage> PatchAsync(Guid id, string json, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, _harness.Emulator.ServiceRoot + $"contacts({id:D})")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await _http.SendAsync(request);
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString();

    /// <summary>A JSON body that sends the request's headers at once and its bytes only when <paramref name="release"/> completes.</summary>
    private sealed class HeldBodyContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly Task _release;

        public HeldBodyContent(byte[] body, Task release)
        {
            _body = body;
            _release = release;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.FlushAsync();
            await _release;
            await stream.WriteAsync(_body);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
