using CrmSync.Connectors.Common;
using CrmSync.Sandbox.Common;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>Retries, rate limits and malformed answers, on the fake clock.</summary>
public sealed class DynamicsResilienceTests : IAsyncLifetime
{
    private DynamicsTestHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DynamicsTestHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_429_burst_is_waited_out_as_Retry_After_says_and_every_attempt_is_reported()
    {
        _harness.Emulator.Seed(5);
        var client = _harness.Client();
        await _harness.RunAsync(() => client.GetOptionSetsAsync());
        _harness.Emulator.Faults.RateLimitedRetryAfter = TimeSpan.FromSeconds(30);
        _harness.Emulator.Faults.FailNext(3, FaultKind.RateLimited, "/contacts");
        var before = _harness.Clock.GetUtcNow();

        var pages = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        pages.SelectMany(p => p.Records).Should().HaveCount(5);
        _harness.Reporter.Reports.Where(r => r.Operation == "read").Select(r => (r.Attempt, r.Status, r.ErrorCode)).Should().Equal(
            (1, 429, "0x80072322"), (2, 429, "0x80072322"), (3, 429, "0x80072322"), (4, 200, null));
        (_harness.Clock.GetUtcNow() - before).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Server_errors_and_dropped_connections_are_retried_with_backoff()
    {
        _harness.Emulator.Seed(5);
        var client = _harness.Client();
        await _harness.RunAsync(() => client.GetOptionSetsAsync());
        _harness.Emulator.Faults.FailNext(1, FaultKind.ServerError, "/contacts");
        _harness.Emulator.Faults.FailNext(1, FaultKind.DropConnection, "/contacts");

        var pages = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        pages.SelectMany(p => p.Records).Should().HaveCount(5);
        _harness.Reporter.Reports.Where(r => r.Operation == "read").Select(r => (r.Attempt, r.Status, r.ErrorCode)).Should().Equal(
            (1, 500, "0x80040216"), (2, null, "CONNECTION_FAILED"), (3, 200, null));
    }

    [Fact]
    public async Task When_retries_run_out_the_error_names_the_endpoint_status_and_code()
    {
        var client = _harness.Client(_harness.Options(maxAttempts: 3));
        await _harness.RunAsync(() => client.GetOptionSetsAsync());
        _harness.Emulator.Faults.FailNext(5, FaultKind.ServerError, "/contacts");

        var act = () => _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        var error = (await act.Should().ThrowAsync<CrmTransientException>()).Which;
        error.Status.Should().Be(500);
        error.ErrorCode.Should().Be("0x80040216");
        error.Endpoint.Should().Be("GET /api/data/v9.2/contacts");
        error.Message.Should().Contain("GET /api/data/v9.2/contacts");
        _harness.Reporter.Reports.Count(r => r.Operation == "read").Should().Be(3);
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_gives_retryable_failures_for_its_records()
    {
        var client = _harness.Client(_harness.Options(maxAttempts: 2));
        await _harness.RunAsync(() => client.GetOptionSetsAsync());
        _harness.Emulator.Faults.FailNext(2, FaultKind.ServerError, "$batch");

        var results = await _harness.RunAsync(() => client.WriteContactsAsync(
        [
            new("a", Guid.NewGuid(), true, new Dictionary<string, object?> { ["lastname"] = "A" }),
            new("b", Guid.NewGuid(), true, new Dictionary<string, object?> { ["lastname"] = "B" }),
        ]));

        results.Should().HaveCount(2).And.OnlyContain(r => !r.Succeeded && r.Retryable && r.Status == 500);
        _harness.Emulator.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_client_configured_to_the_service_budget_never_gets_a_429()
    {
        _harness.Emulator.Seed(3);
        _harness.Emulator.Limits.Configure(10, TimeSpan.FromMinutes(5));
        var client = _harness.Client(_harness.Options(rateLimit: new RateLimitOptions(10, TimeSpan.FromMinutes(5))));
        var before = _harness.Clock.GetUtcNow();

        for (var i = 0; i < 25; i++)
            await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        _harness.Emulator.Limits.Rejections.Should().Be(0);
        _harness.Reporter.Reports.Should().NotContain(r => r.Status == 429);
        (_harness.Clock.GetUtcNow() - before).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMinutes(10), "25 requests at 10 per 5 minutes need two full windows of waiting");
    }

    [Fact]
    public async Task An_unlimited_client_meets_the_service_limit_and_recovers_through_Retry_After()
    {
        _harness.Emulator.Seed(3);
        _harness.Emulator.Limits.Configure(4, TimeSpan.FromMinutes(5));
        var client = _harness.Client(_harness.Options(rateLimit: new RateLimitOptions(1, TimeSpan.FromSeconds(1)) { Enabled = false }, maxAttempts: 4));

        for (var i = 0; i < 6; i++)
            await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        _harness.Emulator.Limits.Rejections.Should().BeGreaterThan(0);
        _harness.Reporter.Reports.Where(r => r.Status == 429).Should().OnlyContain(r => r.ErrorCode == "0x80072322");
        _harness.Reporter.Reports.Count(r => r.Operation == "read" && r.Status == 200).Should().Be(6);
    }

    [Theory]
    [InlineData(FaultKind.HtmlPage, "content type 'text/html")]
    [InlineData(FaultKind.TruncatedJson, "not valid JSON")]
    [InlineData(FaultKind.MissingFields, "'value' is missing")]
    public async Task A_malformed_page_is_a_clear_error_naming_the_endpoint(FaultKind fault, string problem)
    {
        var client = _harness.Client();
        await _harness.RunAsync(() => client.GetOptionSetsAsync());
        _harness.Emulator.Faults.FailNext(1, fault, "/contacts");

        var act = () => _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        var error = (await act.Should().ThrowAsync<CrmMalformedResponseException>()).Which;
        error.System.Should().Be("dynamics");
        error.Endpoint.Should().Be("GET /api/data/v9.2/contacts");
        error.Message.Should().Contain("GET /api/data/v9.2/contacts").And.Contain(problem);
    }

    [Fact]
    public async Task A_batch_answer_that_is_not_multipart_is_a_clear_error_not_lost_records()
    {
        var client = _harness.Client();
        await _harness.RunAsync(() => client.GetOptionSetsAsync());
        _harness.Emulator.Faults.FailNext(1, FaultKind.HtmlPage, "$batch");

        var act = () => _harness.RunAsync(() => client.WriteContactsAsync([new("a", Guid.NewGuid(), true, new Dictionary<string, object?> { ["lastname"] = "A" })]));

        var error = (await act.Should().ThrowAsync<CrmMalformedResponseException>()).Which;
        error.Message.Should().Contain("POST /api/data/v9.2/$batch").And.Contain("multipart/mixed");
    }
}
