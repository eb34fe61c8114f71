using System.Text.Json;
using CrmSync.Connectors.Common;
using Polly;
using RestSharp;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// OAuth 2.0 client credentials against {authority}/{tenant}/oauth2/v2.0/token with scope
/// {org}/.default. The token is cached until <see cref="DynamicsClientOptions.TokenRefreshMargin"/>
/// before it expires; one caller fetches while the others wait. The secret is only ever in the form body.
/// </summary>
internal sealed class DynamicsTokenProvider : IDisposable
{
    private readonly DynamicsClientOptions _options;
    private readonly ApiCallExecutor _executor;
    private readonly ResiliencePipeline<RestResponse> _pipeline;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ApiCall _call;
    private readonly Uri _tokenUri;
    private (string Token, DateTimeOffset RefreshAt)? _cached;

    public DynamicsTokenProvider(DynamicsClientOptions options, ApiCallExecutor executor, ResiliencePipeline<RestResponse> pipeline)
    {
        _options = options;
        _executor = executor;
        _pipeline = pipeline;
        var path = $"/{Uri.EscapeDataString(options.TenantId)}/oauth2/v2.0/token";
        _tokenUri = new Uri(options.AuthorityHost, path.TrimStart('/'));
        _call = new ApiCall("token", Method.Post, _tokenUri.AbsolutePath);
    }

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && _options.TimeProvider.GetUtcNow() < fresh.RefreshAt) return fresh.Token;
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } other && _options.TimeProvider.GetUtcNow() < other.RefreshAt) return other.Token;
            var (token, lifetime) = await _executor.ExecuteAsync(_pipeline, _call, CreateRequest, Interpret, cancellationToken).ConfigureAwait(false);
            var margin = lifetime > _options.TokenRefreshMargin * 2 ? _options.TokenRefreshMargin : lifetime / 2;
            _cached = (token, _options.TimeProvider.GetUtcNow() + lifetime - margin);
            return token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> after a 401, so the next call fetches a new token.</summary>
    public void Invalidate(string rejected)
    {
        if (_cached is { } cached && cached.Token == rejected) _cached = null;
    }

    public void Dispose() => _refresh.Dispose();

    private RestRequest CreateRequest()
    {
        var request = new RestRequest(_tokenUri, Method.Post);
        request.AddParameter("grant_type", "client_credentials", ParameterType.GetOrPost);
        request.AddParameter("client_id", _options.ClientId, ParameterType.GetOrPost);
        request.AddParameter("client_secret", _options.ClientSecret, ParameterType.GetOrPost);
        request.AddParameter("scope", _options.OrgUri.ToString().TrimEnd('/') + "/.default", ParameterType.GetOrPost);
        return request;
    }

    private InterpretedResponse<(string Token, TimeSpan Lifetime)> Interpret(RestResponse response)
    {
        var status = (int)response.StatusCode;
        if (!response.IsSuccessful)
        {
            var error = DynamicsServiceError.Read(response.RawBytes);
            // AAD's description names the problem (e.g. AADSTS7000215 invalid secret) but never echoes the secret.
            throw new CrmAuthenticationException(DynamicsClient.System, _call.Endpoint, status, error.Code,
                $"dynamics {_call.Endpoint} refused the client credentials (HTTP {status}, {error.Code ?? "no error code"}): {error.Message ?? "no description"}");
        }
        var reader = JsonResponseReader.For(DynamicsClient.System, _call, response);
        using var document = reader.Parse(response);
        var token = reader.RequiredString(document.RootElement, "access_token");
        // The v2 endpoint sends a number; v1 and some proxies send a string.
        var expires = document.RootElement.TryGetProperty("expires_in", out var e) ? e : default;
        var expiresIn = expires.ValueKind switch
        {
            JsonValueKind.Number when expires.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(expires.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => throw reader.Malformed("the required member 'expires_in' is missing or not a number"),
        };
        if (expiresIn <= 0) throw reader.Malformed("expires_in is not positive");
        return new InterpretedResponse<(string, TimeSpan)>((token, TimeSpan.FromSeconds(expiresIn)), 0);
    }
}
