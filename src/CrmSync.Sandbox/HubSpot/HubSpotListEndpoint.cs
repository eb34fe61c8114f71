using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>GET /crm/v3/objects/contacts?limit&amp;after&amp;properties&amp;archived (ordered by id, no result cap) and GET .../contacts/{id}.</summary>
internal sealed class HubSpotListEndpoint(HubSpotContactStore store)
{
    public const int MaxLimit = 100;

    public async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var limit = query.ContainsKey("limit") ? HubSpotSearchRequestParser.ParseLimit(query["limit"]) : 10;
        if (limit is not (>= 1 and <= MaxLimit))
        {
            await HubSpotHttp.WriteErrorAsync(context, 400, "VALIDATION_ERROR", $"limit must be between 1 and {MaxLimit}, got '{query["limit"]}'.").ConfigureAwait(false);
            return;
        }

        long after = 0;
        if (query.TryGetValue("after", out var afterText) && !long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            await HubSpotHttp.WriteErrorAsync(context, 400, "VALIDATION_ERROR", $"Invalid 'after' value '{afterText}'.").ConfigureAwait(false);
            return;
        }

        var archived = string.Equals(query["archived"], "true", StringComparison.OrdinalIgnoreCase);
        var properties = RequestedProperties(context);
        var page = store.List(after, limit.Value, archived);
        var self = context.Request.Path.Value;
        await HubSpotHttp.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var row in page.Results)
            {
                HubSpotContactJson.Write(w, row, properties);
            }

            w.WriteEndArray();
            if (page.NextAfter is { } next)
            {
                w.WriteStartObject("paging");
                w.WriteStartObject("next");
                w.WriteString("after", next);
                w.WriteString("link", $"{self}?after={next}");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public async Task GetAsync(HttpContext context, string id)
    {
        var row = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var contactId) ? store.Get(contactId) : null;
        var archived = string.Equals(context.Request.Query["archived"], "true", StringComparison.OrdinalIgnoreCase);
        if (row is not { } found || found.ArchivedMs.HasValue != archived)
        {
            await HubSpotHttp.WriteErrorAsync(context, 404, "OBJECT_NOT_FOUND", "resource not found").ConfigureAwait(false);
            return;
        }

        var properties = RequestedProperties(context);
        await HubSpotHttp.WriteJsonAsync(context, 200, w => HubSpotContactJson.Write(w, found, properties)).ConfigureAwait(false);
    }

    /// <summary>properties=a,b or repeated properties=a&amp;properties=b; defaults when absent.</summary>
    private static List<string> RequestedProperties(HttpContext context)
    {
        var values = context.Request.Query["properties"];
        return values.Count == 0
            ? [.. HubSpotContactSchema.ListDefaults]
            : [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }
}
