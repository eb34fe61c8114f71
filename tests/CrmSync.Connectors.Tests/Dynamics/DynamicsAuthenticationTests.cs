using CrmSync.Connectors.Common;
using CrmSync.Connectors.Dynamics;
using CrmSync.Sandbox.Common;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>OAuth client credentials: caching, refresh before expiry, refresh on 401, and secrets kept out of every output.</summary>
public sealed class DynamicsAuthenticationTests : IAsyncLifetime
{
    private DynamicsTestHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DynamicsTestHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_token_is_fetched_once_and_reused_while_valid()
    {
        var client = _harness.Client();

        for (var i = 0; i < 3; i++) await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        _harness.Emulator.TokensIssued.Should().Be(1);
        _harness.Reporter.Reports.Where(r => r.Operation == "token").Should().ContainSingle()
            .Which.Path.Should().Be($"/{_harness.Emulator.TenantId}/oauth2/v2.0/token");
    }

    [Fact]
    public async Task The_token_is_renewed_shortly_before_it_expires_without_a_401()
    {
        _harness.Emulator.AccessTokenLifetime = TimeSpan.FromMinutes(20);
        var client = _harness.Client();
        await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        _harness.Clock.Advance(TimeSpan.FromMinutes(16));
        await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        _harness.Emulator.TokensIssued.Should().Be(2);
        _harness.Reporter.Reports.Should().NotContain(r => r.Status == 401);
    }

    [Fact]
    public async Task An_expired_token_answered_with_401_is_refreshed_once_and_the_call_succeeds()
    {
        _harness.Emulator.Seed(2);
        var client = _harness.Client();
        await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));
        _harness.Emulator.RevokeAccessTokens();

        var pages = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        pages.SelectMany(p => p.Records).Should().HaveCount(2);
        _harness.Emulator.TokensIssued.Should().Be(2);
        _harness.Reporter.Reports.Where(r => r.Operation == "read").Select(r => r.Status).Should().Equal(200, 401, 200);
        _harness.Logger.Lines.Should().Contain(l => l.Text.Contains("401", StringComparison.Ordinal) && l.Text.Contains("new access token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_client_secret_fails_with_an_authentication_error_that_does_not_echo_it()
    {
        const string wrongSecret = "wrong-secret-Q8f!x2";
        var client = _harness.Client(_harness.Options(clientSecret: wrongSecret));

        var act = () => _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        var error = (await act.Should().ThrowAsync<CrmAuthenticationException>()).Which;
        error.Status.Should().Be(401);
        error.ErrorCode.Should().Be("invalid_client");
        error.Message.Should().Contain("AADSTS7000215").And.NotContain(wrongSecret);
        error.ToString().Should().NotContain(wrongSecret);
    }

    [Fact]
    public async Task A_token_endpoint_answering_with_a_web_page_is_a_clear_malformed_response_error()
    {
        var client = _harness.Client();
        _harness.Emulator.Faults.FailNext(1, FaultKind.HtmlPage, "/oauth2/v2.0/token");

        var act = () => _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        var error = (await act.Should().ThrowAsync<CrmMalformedResponseException>()).Which;
        error.Endpoint.Should().Be($"POST /{_harness.Emulator.TenantId}/oauth2/v2.0/token");
        error.Message.Should().Contain("text/html");
    }

    [Fact]
    public async Task Secrets_and_tokens_never_appear_in_reports_logs_or_exceptions()
    {
        var seeded = _harness.Emulator.Seed(3);
        _harness.Emulator.Capture.Enabled = true;
        var options = _harness.Options(maxAttempts: 2);
        var client = _harness.Client(options);
        var outputs = new List<string>();

        await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));
        _harness.Emulator.RevokeAccessTokens();
        var results = await _harness.RunAsync(() => client.WriteContactsAsync(
        [
            new("ok", seeded[0].ContactId, false, new Dictionary<string, object?> { ["jobtitle"] = "x" }),
            new("bad", seeded[1].ContactId, false, new Dictionary<string, object?> { ["nosuchcolumn"] = "x" }),
        ]));
        results.Select(r => r.Succeeded).Should().Equal(true, false);
        outputs.AddRange(results.Select(r => r.ToString()));
        _harness.Emulator.Faults.FailNext(5, FaultKind.ServerError, "/contacts");
        try
        {
            await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));
        }
        catch (CrmApiException e)
        {
            outputs.Add(e.ToString());
        }

        var accessTokens = _harness.Emulator.Capture.Requests
            .Select(r => r.Headers.GetValueOrDefault("Authorization"))
            .OfType<string>().Select(h => h["Bearer ".Length..]).Distinct().ToList();
        accessTokens.Should().HaveCount(2, "the revoked token and its replacement were both used");
        outputs.AddRange(_harness.Reporter.Reports.Select(r => r.ToString()));
        outputs.AddRange(_harness.Logger.Lines.Select(l => l.Text));
        outputs.Add(options.ToString()!);
        outputs.Should().NotBeEmpty();
        foreach (var secret in accessTokens.Append(_harness.Emulator.ClientSecret))
            outputs.Should().NotContain(o => o.Contains(secret, StringComparison.Ordinal));
    }
}
