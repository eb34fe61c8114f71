using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmSync.Sandbox.HubSpot;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Connectors.Tests.HubSpot;

public sealed class HubSpotIncrementalReadTests
{
    private static readonly DateTimeOffset MonthEnd = new(2025, 1, 31, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task More_than_10000_contacts_sharing_one_lastmodifieddate_are_read_exactly_once()
    {
        var clock = new FakeTimeProvider(MonthEnd);
        await using var harness = await HubSpotHarness.StartAsync(e => e with { TimeProvider = clock });
        // A month-end bulk update: 10,500 contacts get the very same lastmodifieddate.
        for (var i = 0; i < 10_500; i++)
        {
            harness.Emulator.Create(HubSpotTestData.Contact($"bulk{i}@example.com"));
        }

        clock.Advance(TimeSpan.FromSeconds(5));
        harness.Emulator.Create(HubSpotTestData.Contact("later@example.com"));

        var records = await harness.Client.ReadModifiedAsync(MonthEnd.AddHours(-1), MonthEnd).ToListAsync();

        records.Should().HaveCount(10_500);
        records.Select(r => r.Id).Should().OnlyHaveUniqueItems();
        records.Should().OnlyContain(r => r.ModifiedAt == MonthEnd && !r.IsDeleted);
        records.Select(r => r.Properties["email"]).Should().NotContain("later@example.com");
        var searches = harness.Reporter.Reports.Where(r => r.Operation == "search").ToList();
        searches.Should().OnlyContain(r => r.Status == 200, "the client restarts before the 10k cap instead of hitting the 400");
        searches.Sum(r => r.Records).Should().Be(10_500);
    }

    [Fact]
    public async Task A_pager_that_follows_after_past_10000_results_gets_HubSpots_400()
    {
        var clock = new FakeTimeProvider(MonthEnd);
        await using var harness = await HubSpotHarness.StartAsync(e => e with { TimeProvider = clock });
        for (var i = 0; i < 10_050; i++)
        {
            harness.Emulator.Create(HubSpotTestData.Contact($"naive{i}@example.com"));
        }

        using var http = new HttpClient { BaseAddress = harness.Emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HubSpotHarness.Token);
        string? after = null;
        HttpResponseMessage response;
        var pages = 0;
        while (true)
        {
            var body = $$"""{"filterGroups":[{"filters":[{"propertyName":"lastmodifieddate","operator":"GTE","value":"0"}]}],"sorts":[{"propertyName":"lastmodifieddate","direction":"ASCENDING"}],"limit":200{{(after is null ? "" : $",\"after\":\"{after}\"")}}}""";
            response = await http.PostAsync("crm/v3/objects/contacts/search", new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                break;
            }

            pages++;
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            page.RootElement.GetProperty("total").GetInt32().Should().Be(10_050);
            after = page.RootElement.GetProperty("paging").GetProperty("next").GetProperty("after").GetString();
        }

        pages.Should().Be(50);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        error.RootElement.GetProperty("status").GetString().Should().Be("error");
        error.RootElement.GetProperty("category").GetString().Should().Be("VALIDATION_ERROR");
        error.RootElement.GetProperty("correlationId").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Search_returns_the_window_only_and_never_archived_contacts()
    {
        var clock = new FakeTimeProvider(MonthEnd);
        await using var harness = await HubSpotHarness.StartAsync(e => e with { TimeProvider = clock });
        var before = harness.Emulator.Create(HubSpotTestData.Contact("before@example.com"));
        clock.Advance(TimeSpan.FromMinutes(1));
        var inside = harness.Emulator.Create(HubSpotTestData.Contact("inside@example.com"));
        var archived = harness.Emulator.Create(HubSpotTestData.Contact("archived@example.com"));
        harness.Emulator.Archive(archived.Id);
        clock.Advance(TimeSpan.FromMinutes(1));
        harness.Emulator.Create(HubSpotTestData.Contact("after@example.com"));

        var windowStart = MonthEnd.AddSeconds(30);
        var records = await harness.Client.ReadModifiedAsync(windowStart, windowStart.AddMinutes(1)).ToListAsync();

        records.Select(r => r.Id).Should().Equal(inside.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        records[0].Properties["email"].Should().Be("inside@example.com");
        records[0].RawJson.Should().Contain("\"hs_object_id\"");
        before.Id.Should().BeLessThan(inside.Id);
    }

    [Fact]
    public async Task An_edit_moves_lastmodifieddate_on_the_emulators_clock_so_the_next_window_sees_it()
    {
        var clock = new FakeTimeProvider(MonthEnd);
        await using var harness = await HubSpotHarness.StartAsync(e => e with { TimeProvider = clock });
        var contact = harness.Emulator.Create(HubSpotTestData.Contact("edit@example.com"));
        clock.Advance(TimeSpan.FromMinutes(10));

        var edited = harness.Emulator.Update(contact.Id, new Dictionary<string, string?> { ["jobtitle"] = "CTO" });
        var unchanged = harness.Emulator.Update(contact.Id, new Dictionary<string, string?> { ["jobtitle"] = "CTO" });

        edited.UpdatedAt.Should().Be(MonthEnd.AddMinutes(10));
        edited.Properties["lastmodifieddate"].Should().Be("2025-01-31T23:10:00.000Z");
        unchanged.UpdatedAt.Should().Be(edited.UpdatedAt, "an edit that changes nothing does not touch the record");
        var records = await harness.Client.ReadModifiedAsync(MonthEnd.AddMinutes(5), MonthEnd.AddMinutes(15)).ToListAsync();
        records.Should().ContainSingle().Which.Properties["jobtitle"].Should().Be("CTO");
    }

    [Fact]
    public async Task The_window_count_equals_what_the_read_returns_and_leaves_out_contacts_outside_the_window()
    {
        var clock = new FakeTimeProvider(MonthEnd);
        await using var harness = await HubSpotHarness.StartAsync(e => e with { TimeProvider = clock });
        harness.Emulator.Create(HubSpotTestData.Contact("before@example.com"));
        clock.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 7; i++)
        {
            harness.Emulator.Create(HubSpotTestData.Contact($"inside{i}@example.com"));
        }

        var from = MonthEnd.AddMinutes(5);
        var to = MonthEnd.AddMinutes(15);
        var count = await harness.Client.CountModifiedAsync(from, to);

        count.Should().Be(7);
        (await harness.Client.ReadModifiedAsync(from, to).ToListAsync()).Should().HaveCount((int)count);
    }

    [Fact]
    public async Task Records_written_within_the_search_index_lag_appear_only_once_the_lag_has_passed()
    {
        var clock = new FakeTimeProvider(MonthEnd);
        await using var harness = await HubSpotHarness.StartAsync(e => e with { TimeProvider = clock, SearchIndexLag = TimeSpan.FromSeconds(5) });
        harness.Emulator.Create(HubSpotTestData.Contact("fresh@example.com"));

        var tooSoon = await harness.Client.ReadModifiedAsync(MonthEnd.AddMinutes(-1), MonthEnd).ToListAsync();
        clock.Advance(TimeSpan.FromSeconds(5));
        var later = await harness.Client.ReadModifiedAsync(MonthEnd.AddMinutes(-1), MonthEnd).ToListAsync();

        tooSoon.Should().BeEmpty("search has not indexed the write yet: readers must look back past the lag");
        later.Should().ContainSingle().Which.Properties["email"].Should().Be("fresh@example.com");
    }
}
