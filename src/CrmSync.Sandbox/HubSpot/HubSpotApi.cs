using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>Maps the emulated CRM v3 routes behind the private-app token check and the rate limits.</summary>
internal sealed class HubSpotApi(HubSpotContactStore store, HubSpotEmulatorOptions options, HubSpotRateLimits limits)
{
    public const string SearchPath = "/crm/v3/objects/contacts/search";

    public void Map(IEndpointRouteBuilder endpoints)
    {
        var search = new HubSpotSearchEndpoint(store, options);
        var list = new HubSpotListEndpoint(store);
        var batch = new HubSpotBatchEndpoints(store, options, options.TimeProvider);

        var api = endpoints.MapGroup("/crm/v3").AddEndpointFilter(async (invocation, next) =>
            await AdmitAsync(invocation.HttpContext).ConfigureAwait(false) ? await next(invocation).ConfigureAwait(false) : Results.Empty);
        api.MapPost("/objects/contacts/search", search.HandleAsync);
        api.MapGet("/objects/contacts", list.ListAsync);
        api.MapGet("/objects/contacts/{id}", list.GetAsync);
        foreach (var action in (string[])["create", "update", "upsert", "archive"])
        {
            api.MapPost("/objects/contacts/batch/" + action, (HttpContext context) => batch.HandleAsync(context, action));
        }

        api.MapGet("/properties/contacts", HubSpotPropertiesEndpoint.HandleAsync);
    }

    private async Task<bool> AdmitAsync(HttpContext context)
    {
        HubSpotHttp.CorrelationId(context);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await HubSpotHttp.WriteErrorAsync(context, 401, "INVALID_AUTHENTICATION",
                "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview").ConfigureAwait(false);
            return false;
        }

        if (!string.Equals(authorization["Bearer ".Length..], options.AccessToken, StringComparison.Ordinal))
        {
            await HubSpotHttp.WriteErrorAsync(context, 401, "INVALID_AUTHENTICATION",
                "The access token provided is invalid or expired. Check the private app's access token.").ConfigureAwait(false);
            return false;
        }

        var isSearch = context.Request.Path.Equals(SearchPath, StringComparison.OrdinalIgnoreCase);
        return await limits.AdmitAsync(context, isSearch).ConfigureAwait(false);
    }
}
