using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// The Microsoft identity platform's client-credentials token endpoint, as far as a Dataverse client
/// sees it: POST {authority}/{tenant}/oauth2/v2.0/token with grant_type, client_id, client_secret and
/// scope {org}/.default. Issues opaque bearer tokens that expire on the emulator's clock.
/// Error bodies follow AAD: {"error","error_description"} with AADSTS codes.
/// </summary>
internal sealed class DynamicsTokenService(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (string ClientId, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.Ordinal);

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(3599);

    public int IssuedCount => Volatile.Read(ref _issued);

    private int _issued;

    public (int Status, byte[] Body) Issue(string tenant, IReadOnlyDictionary<string, string> form, DynamicsEmulatorOptions options, string expectedScope)
    {
        if (!string.Equals(tenant, options.TenantId, StringComparison.OrdinalIgnoreCase))
            return Error(400, "invalid_request", $"AADSTS90002: Tenant '{tenant}' not found.");
        if (form.GetValueOrDefault("grant_type") != "client_credentials")
            return Error(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        if (form.GetValueOrDefault("client_id") != options.ClientId)
            return Error(400, "unauthorized_client", $"AADSTS700016: Application with identifier '{form.GetValueOrDefault("client_id")}' was not found in the directory.");
        if (form.GetValueOrDefault("client_secret") is not { } secret || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(options.ClientSecret)))
            return Error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        if (!string.Equals(form.GetValueOrDefault("scope")?.TrimEnd('/'), expectedScope, StringComparison.OrdinalIgnoreCase))
            return Error(400, "invalid_scope", $"AADSTS70011: The provided value for the input parameter 'scope' is not valid. Expected '{expectedScope}'.");

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _tokens[token] = (options.ClientId, clock.GetUtcNow() + TokenLifetime);
        Interlocked.Increment(ref _issued);
        var lifetime = (int)TokenLifetime.TotalSeconds;
        return (200, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = lifetime,
            ["ext_expires_in"] = lifetime,
            ["access_token"] = token,
        }));
    }

    /// <summary>The client id a valid, unexpired bearer token belongs to; null otherwise.</summary>
    public string? Authenticate(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return null;
        return _tokens.TryGetValue(authorization[Scheme.Length..].Trim(), out var entry) && clock.GetUtcNow() < entry.ExpiresAt
            ? entry.ClientId
            : null;
    }

    /// <summary>Every issued token stops working (as after a credential rotation).</summary>
    public void RevokeAll() => _tokens.Clear();

    private static (int, byte[]) Error(int status, string error, string description) =>
        (status, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }));
}
