using CrmSync.Connectors.Common;
using CrmSync.Connectors.HubSpot;
using CrmSync.Connectors.Tests.Common;
using CrmSync.Sandbox.Common;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Connectors.Tests.HubSpot;

public sealed class HubSpotResilienceTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_429_burst_without_Retry_After_is_waited_out_10_s_times_attempt_then_succeeds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await HubSpotHarness.StartAsync(client: c => c with { TimeProvider = clock, Retry = c.Retry with { AttemptTimeout = TimeSpan.FromHours(1) } });
        harness.Emulator.Seed(5);
        harness.Emulator.Faults.FailNext(3, FaultKind.RateLimited);

        var records = await FakeClockPump.RunAsync(clock, harness.Client.ReadAllAsync().ToListAsync());

        records.Should().HaveCount(5);
        (clock.GetUtcNow() - Start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10 + 20 + 30));
        harness.Reporter.Reports.Select(r => (r.Status, r.Attempt)).Should().Equal((429, 1), (429, 2), (429, 3), (200, 4));
        harness.Reporter.Reports.Take(3).Should().OnlyContain(r => r.ErrorCode == "TEN_SECONDLY_ROLLING");
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_exactly_that_long()
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await HubSpotHarness.StartAsync(
            e => e with { SendRetryAfter = true },
            c => c with { TimeProvider = clock, Retry = c.Retry with { AttemptTimeout = TimeSpan.FromHours(1) } });
        harness.Emulator.Faults.RateLimitedRetryAfter = TimeSpan.FromSeconds(3);
        harness.Emulator.Faults.FailNext(2, FaultKind.RateLimited);

        await FakeClockPump.RunAsync(clock, harness.Client.GetPropertiesAsync(), TimeSpan.FromMilliseconds(100));

        (clock.GetUtcNow() - Start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(6)).And.BeLessThan(TimeSpan.FromSeconds(10));
        harness.Reporter.Reports.Select(r => r.Status).Should().Equal(429, 429, 200);
    }

    [Fact]
    public async Task The_DAILY_limit_stops_the_stage_at_once_with_CrmQuotaExhaustedException()
    {
        await using var harness = await HubSpotHarness.StartAsync(e => e with { LimitsEnabled = true, DailyLimit = 2 });
        harness.Emulator.Seed(250);

        var read = async () => await harness.Client.ReadAllAsync().ToListAsync();

        var failure = (await read.Should().ThrowAsync<CrmQuotaExhaustedException>()).Which;
        failure.Status.Should().Be(429);
        failure.ErrorCode.Should().Be("DAILY");
        failure.Endpoint.Should().Be("GET /crm/v3/objects/contacts");
        harness.Reporter.Reports.Select(r => (r.Status, r.Attempt)).Should().Equal((200, 1), (200, 1), (429, 1));
    }

    [Fact]
    public async Task Server_errors_and_dropped_connections_are_retried_with_backoff()
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await HubSpotHarness.StartAsync(client: c => c with
        {
            TimeProvider = clock,
            Retry = c.Retry with { BaseDelay = TimeSpan.FromSeconds(1), AttemptTimeout = TimeSpan.FromHours(1) },
        });
        harness.Emulator.Seed(3);
        harness.Emulator.Faults.FailNext(1, FaultKind.ServerError);
        harness.Emulator.Faults.FailNext(1, FaultKind.DropConnection);

        var records = await FakeClockPump.RunAsync(clock, harness.Client.ReadAllAsync().ToListAsync());

        records.Should().HaveCount(3);
        harness.Reporter.Reports.Select(r => (r.Status, r.Attempt)).Should().Equal((500, 1), (null, 2), (200, 3));
        harness.Reporter.Reports[1].ErrorCode.Should().Be("CONNECTION_FAILED");
        (clock.GetUtcNow() - Start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1 + 2), "exponential backoff: 1 s, then 2 s");
    }

    [Fact]
    public async Task Server_errors_past_the_attempt_budget_end_in_CrmTransientException_naming_the_endpoint()
    {
        await using var harness = await HubSpotHarness.StartAsync(client: c => c with { Retry = c.Retry with { MaxAttempts = 3 } });
        harness.Emulator.Faults.FailNext(5, FaultKind.ServerError);

        var read = async () => await harness.Client.ReadModifiedAsync(Start.AddDays(-1), Start).ToListAsync();

        var failure = (await read.Should().ThrowAsync<CrmTransientException>()).Which;
        failure.Status.Should().Be(500);
        failure.Message.Should().Contain("POST /crm/v3/objects/contacts/search").And.Contain("internal error");
        harness.Reporter.Reports.Should().HaveCount(3);
        harness.Emulator.Faults.PendingCount.Should().Be(2);
    }

    [Fact]
    public async Task An_attempt_that_hangs_times_out_on_the_clock_and_is_retried()
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await HubSpotHarness.StartAsync(
            e => e with { TimeProvider = clock },
            c => c with { TimeProvider = clock, Retry = c.Retry with { AttemptTimeout = TimeSpan.FromSeconds(5), BaseDelay = TimeSpan.Zero } });
        harness.Emulator.Faults.FailNext(1, FaultKind.Hang);

        var pending = harness.Client.GetPropertiesAsync();
        // Move the clock only once the first attempt is hanging in the emulator, so nothing else can time out.
        while (harness.Emulator.Faults.PendingCount > 0)
        {
            await Task.Delay(1);
        }

        clock.Advance(TimeSpan.FromSeconds(5));
        var properties = await pending;

        properties.Should().NotBeEmpty();
        harness.Reporter.Reports.Select(r => (r.Status, r.ErrorCode)).Should().Equal((null, "TIMEOUT"), (200, null));
    }

    [Fact]
    public async Task A_client_held_to_the_emulators_budget_gets_no_429_while_an_unlimited_one_does()
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await HubSpotHarness.StartAsync(
            e => e with { TimeProvider = clock, LimitsEnabled = true, TenSecondlyLimit = 10 },
            c => c with
            {
                TimeProvider = clock,
                RateLimit = new RateLimitOptions(10, TimeSpan.FromSeconds(10)),
                BatchSize = 1,
                MaxConcurrentBatches = 4,
                Retry = c.Retry with { AttemptTimeout = TimeSpan.FromHours(1) },
            });
        var contact = harness.Emulator.Create(HubSpotTestData.Contact("budget@example.com"));
        var inputs = Enumerable.Range(0, 35).Select(i => new HubSpotWriteInput($"k{i}", contact.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, string?> { ["jobtitle"] = $"t{i}" }));

        var results = await FakeClockPump.RunAsync(clock, harness.Client.UpdateAsync(inputs).ToListAsync(), TimeSpan.FromMilliseconds(50));

        results.Should().HaveCount(35).And.OnlyContain(r => r.Succeeded);
        harness.Emulator.Limits.RejectedCount.Should().Be(0, string.Join(",", harness.Reporter.Reports.Select(r => $"{r.Status}/{r.Attempt}")));
        (clock.GetUtcNow() - Start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30), "35 calls at 10 per 10 s need three full windows")
            .And.BeLessThan(TimeSpan.FromSeconds(35), "the budget is used, not wasted");

        await using var unlimited = await HubSpotHarness.StartAsync(
            e => e with { TimeProvider = clock, LimitsEnabled = true, TenSecondlyLimit = 10 },
            c => c with { TimeProvider = clock, BatchSize = 1, Retry = c.Retry with { AttemptTimeout = TimeSpan.FromHours(1) } });
        var other = unlimited.Emulator.Create(HubSpotTestData.Contact("budget@example.com"));
        var again = Enumerable.Range(0, 15).Select(i => new HubSpotWriteInput($"k{i}", other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, string?> { ["jobtitle"] = $"t{i}" }));
        var retried = await FakeClockPump.RunAsync(clock, unlimited.Client.UpdateAsync(again).ToListAsync());
        retried.Should().OnlyContain(r => r.Succeeded);
        unlimited.Emulator.Limits.RejectedCount.Should().BeGreaterThan(0);
    }
}
