using System.Text;
using System.Text.Json;
using CrmSync.Sandbox.Common;
using CrmSync.Sandbox.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// An in-process Dataverse Web API v9.2 (contacts only) plus its OAuth token endpoint, on
/// 127.0.0.1. The emulator's base URI is both the authority host and the organisation URI:
/// token endpoint {BaseUri}{tenant}/oauth2/v2.0/token, service root {BaseUri}api/data/v9.2/.
/// Admin API under /_admin/dynamics; the same operations as C# methods below.
/// </summary>
public sealed class DynamicsEmulator : IAsyncDisposable
{
    private readonly DynamicsEmulatorOptions _options;
    private readonly DynamicsContactStore _store;
    private readonly DynamicsDeltaTokens _deltaTokens;
    private readonly DynamicsTokenService _tokens;
    private readonly DynamicsWebApi _api;
    private readonly DynamicsBatchHandler _batch;
    private readonly Dictionary<Guid, DynamicsAccount> _accounts;
    private EmulatorHost? _host;

    private DynamicsEmulator(DynamicsEmulatorOptions options)
    {
        _options = options;
        var clock = options.TimeProvider;
        _store = new DynamicsContactStore(clock);
        _deltaTokens = new DynamicsDeltaTokens(clock);
        _tokens = new DynamicsTokenService(clock) { TokenLifetime = options.TokenLifetime };
        _accounts = DynamicsSeeder.Accounts().ToDictionary(a => a.AccountId);
        var queries = new DynamicsContactQueryHandler(_store, _deltaTokens, AccountName);
        _api = new DynamicsWebApi(_store, queries, _accounts.ContainsKey, AccountName);
        _batch = new DynamicsBatchHandler(_api, _store);
        Faults = new FaultInjector(clock, options.FaultSeed);
        Limits = new DynamicsServiceProtection(clock);
    }

    /// <summary>e.g. http://127.0.0.1:54321/ — authority host and organisation URI.</summary>
    public Uri BaseUri => _host?.BaseUri ?? throw new InvalidOperationException("The emulator is not started.");

    /// <summary>The organisation URI without a trailing slash (scope = OrgUri + "/.default").</summary>
    public string OrgUri => BaseUri.ToString().TrimEnd('/');

    public string ServiceRoot => BaseUri + "api/data/v9.2/";

    public string TenantId => _options.TenantId;

    public string ClientId => _options.ClientId;

    public string ClientSecret => _options.ClientSecret;

    public FaultInjector Faults { get; }

    public RequestCapture Capture { get; } = new();

    public DynamicsServiceProtection Limits { get; }

    /// <summary>Access tokens issued so far (to assert caching).</summary>
    public int TokensIssued => _tokens.IssuedCount;

    public TimeSpan AccessTokenLifetime
    {
        get => _tokens.TokenLifetime;
        set => _tokens.TokenLifetime = value;
    }

    public TimeSpan DeltaTokenLifetime
    {
        get => _deltaTokens.Lifetime;
        set => _deltaTokens.Lifetime = value;
    }

    /// <summary>Operations allowed in one $batch (1,000 in Dataverse).</summary>
    public int MaxBatchOperations
    {
        get => _batch.MaxOperations;
        set => _batch.MaxOperations = value;
    }

    public IReadOnlyList<DynamicsAccount> Accounts => [.. _accounts.Values];

    /// <summary>
    /// The next <paramref name="count"/> Web API requests are processed (writes committed) and then the
    /// connection drops before the answer: the "did my create happen?" case a retry must survive.
    /// </summary>
    public void DropResponsesAfterProcessing(int count) => Interlocked.Exchange(ref _dropAfterProcessing, count);

    private int _dropAfterProcessing;

    public int Count => _store.Count;

    public static async Task<DynamicsEmulator> StartAsync(DynamicsEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new DynamicsEmulator(options ?? new DynamicsEmulatorOptions());
        emulator._host = await EmulatorHost.StartAsync(emulator._options.Port, emulator.Capture, emulator.Faults,
            new DynamicsErrorResponses(), emulator.MapRoutes, cancellationToken).ConfigureAwait(false);
        return emulator;
    }

    /// <summary>Adds <paramref name="count"/> generated contacts (the shared PersonGenerator's Dynamics side).</summary>
    public IReadOnlyList<DynamicsContact> Seed(int count, SeedOptions? options = null) =>
        DynamicsSeeder.Seed(_store, (options ?? new SeedOptions()) with { Count = count }, _options.TimeProvider.GetUtcNow());

    /// <summary>A user creates a contact (validated like a PATCH; "_parentcustomerid_value" takes an account id).</summary>
    public DynamicsContact Create(IReadOnlyDictionary<string, object?> attributes, Guid? id = null) =>
        UserWrite(id ?? Guid.NewGuid(), attributes, DynamicsWriteCondition.CreateOnly);

    /// <summary>A user edits a contact: modifiedon advances, change tracking sees it.</summary>
    public DynamicsContact Update(Guid id, IReadOnlyDictionary<string, object?> changes) =>
        UserWrite(id, changes, DynamicsWriteCondition.UpdateOnly);

    public void Delete(Guid id) => _store.Delete(id);

    public DynamicsContact? Get(Guid id) => _store.Get(id);

    /// <summary>Every contact (the first <paramref name="limit"/>), in (modifiedon, contactid) order.</summary>
    public IReadOnlyList<DynamicsContact> GetAll(int limit = int.MaxValue) => _store.GetAll(limit);

    /// <summary>Every delta token issued so far now fails with the "version stamp expired" error.</summary>
    public void ExpireDeltaTokens() => _deltaTokens.ExpireAll();

    /// <summary>Every access token issued so far is rejected with 401 (the client must fetch a new one).</summary>
    public void RevokeAccessTokens() => _tokens.RevokeAll();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync().ConfigureAwait(false);
    }

    private DynamicsContact UserWrite(Guid id, IReadOnlyDictionary<string, object?> attributes, DynamicsWriteCondition condition)
    {
        var payload = attributes.ToDictionary(
            a => a.Key == DynamicsContactSchema.ParentCustomerValue ? "parentcustomerid_account@odata.bind" : a.Key,
            a => a.Key == DynamicsContactSchema.ParentCustomerValue && a.Value is Guid account ? $"/accounts({account:D})" : a.Value);
        var changes = DynamicsContactPayload.Parse(id, JsonSerializer.SerializeToUtf8Bytes(payload), _accounts.ContainsKey);
        return _store.Write(id, changes, condition).Row;
    }

    private string? AccountName(Guid id) => _accounts.TryGetValue(id, out var account) ? account.Name : null;

    private void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var (status, body) = _tokens.Issue(tenant, form.ToDictionary(f => f.Key, f => f.Value.ToString()), _options, OrgUri + "/.default");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        });
        routes.Map("/api/data/v9.2/{**resource}", ServeAsync);
        DynamicsAdminApi.Map(routes, this);
    }

    private async Task ServeAsync(HttpContext context)
    {
        context.Response.Headers["REQ_ID"] = Guid.NewGuid().ToString("D");
        if (_tokens.Authenticate(context.Request.Headers.Authorization.ToString()) is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate =
                $"Bearer error=\"invalid_token\", error_description=\"The access token is missing, invalid or expired\", authorization_uri={BaseUri}{TenantId}/oauth2/authorize";
            return;
        }

        var rejection = Limits.TryAdmit(out var limitHeaders, out var retryAfter);
        if (rejection is not null)
        {
            await DynamicsErrorResponses.WriteAsync(context, rejection, retryAfter).ConfigureAwait(false);
            return;
        }

        var operations = 1;
        try
        {
            using var bodyBuffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(bodyBuffer, context.RequestAborted).ConfigureAwait(false);
            var body = bodyBuffer.ToArray();
            var resource = Uri.UnescapeDataString(context.Request.Path.Value!["/api/data/v9.2/".Length..]);
            DynamicsResponse response;
            if (resource == "$batch" && HttpMethods.IsPost(context.Request.Method))
            {
                var text = Encoding.UTF8.GetString(body);
                operations = Math.Max(1, CountOperations(text));
                response = _batch.Handle(context.Request.ContentType, text, context.Request.Headers["Prefer"].ToString(), ServiceRoot);
            }
            else
            {
                var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                var request = DynamicsRequestParser.FromUrl(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body);
                response = Handle(request);
            }

            if (TakeOneDrop())
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in limitHeaders) context.Response.Headers[name] = value;
            foreach (var (name, value) in response.Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) context.Response.ContentType = value;
                else context.Response.Headers[name] = value;
            }
            if (response.Body.Length > 0) await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            Limits.Complete(operations);
        }
    }

    private bool TakeOneDrop()
    {
        while (true)
        {
            var remaining = Volatile.Read(ref _dropAfterProcessing);
            if (remaining <= 0) return false;
            if (Interlocked.CompareExchange(ref _dropAfterProcessing, remaining - 1, remaining) == remaining) return true;
        }
    }

    private DynamicsResponse Handle(DynamicsRequest request)
    {
        try
        {
            return _api.Handle(request, ServiceRoot);
        }
        catch (DynamicsServiceException error)
        {
            return DynamicsResponse.Error(error);
        }
    }

    /// <summary>Counts application/http parts for the execution-time budget (a cheap scan, not a parse).</summary>
    private static int CountOperations(string body)
    {
        var count = 0;
        var index = 0;
        while ((index = body.IndexOf("application/http", index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            count++;
            index += 16;
        }
        return count;
    }
}
