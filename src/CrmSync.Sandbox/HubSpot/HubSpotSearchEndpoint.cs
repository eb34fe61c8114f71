using Microsoft.AspNetCore.Http;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>POST /crm/v3/objects/contacts/search.</summary>
internal sealed class HubSpotSearchEndpoint(HubSpotContactStore store, HubSpotEmulatorOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        using var body = await HubSpotHttp.ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var request = HubSpotSearchRequestParser.Parse(body.RootElement, out var error);
        if (request is null)
        {
            await HubSpotHttp.WriteErrorAsync(context, 400, "VALIDATION_ERROR", error!).ConfigureAwait(false);
            return;
        }

        var page = store.Search(request, options.SearchResultCap, options.SearchIndexLag);
        if (page.Error is { } failure)
        {
            await HubSpotHttp.WriteErrorAsync(context, failure).ConfigureAwait(false);
            return;
        }

        await HubSpotHttp.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("total", page.Total);
            w.WriteStartArray("results");
            foreach (var row in page.Results)
            {
                HubSpotContactJson.Write(w, row, request.Properties);
            }

            w.WriteEndArray();
            if (page.NextAfter is { } after)
            {
                w.WriteStartObject("paging");
                w.WriteStartObject("next");
                w.WriteString("after", after);
                w.WriteString("link", "?after=" + after);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }).ConfigureAwait(false);
    }
}
