using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using CrmSync.Connectors.Common;
using CrmSync.Connectors.HubSpot;
using CrmSync.Sandbox.HubSpot;

namespace CrmSync.Cli.Bench.Connectors;

/// <summary>
/// The least any client does to read the HubSpot list pages the client reads: GET each page (same
/// properties, same page size) with a bare HttpClient and walk its tokens to count the contacts and
/// find the next cursor, building no record, with no retries, limits or reports. Its CPU is the floor
/// under the client's: what reading costs before a single value is kept.
/// </summary>
public static class ListFloorReader
{
    private const string ContactsPath = "crm/v3/objects/contacts";

    /// <summary>Reads every page; each request is reported to <paramref name="calls"/>. Returns the contacts seen.</summary>
    public static async Task<int> ReadAsync(Uri baseUri, CallCounter calls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var options = new HubSpotClientOptions { AccessToken = new HubSpotEmulatorOptions().AccessToken };
        var query = $"{ContactsPath}?limit={options.ListPageSize.ToString(CultureInfo.InvariantCulture)}&archived=false&properties={Uri.EscapeDataString(string.Join(',', options.Properties))}";
        using var http = new HttpClient { BaseAddress = baseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        var contacts = 0;
        string? after = null;
        do
        {
            var url = after is null ? query : query + "&after=" + Uri.EscapeDataString(after);
            var page = await http.GetByteArrayAsync(new Uri(url, UriKind.Relative), cancellationToken).ConfigureAwait(false);
            var (count, next) = Walk(page);
            calls.Report(new ApiCallReport("hubspot", "list_floor", "GET", "/" + ContactsPath, 200, count, TimeSpan.Zero, 1, "", null));
            contacts += count;
            after = next;
        }
        while (after is not null);

        return contacts;
    }

    /// <summary>The contacts in "results" and the "after" cursor under "paging" of one page.</summary>
    private static (int Contacts, string? After) Walk(byte[] page)
    {
        var json = new Utf8JsonReader(page);
        var contacts = 0;
        string? after = null;
        json.Read();
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var member = json.ValueTextEquals("results"u8) ? "results" : json.ValueTextEquals("paging"u8) ? "paging" : null;
            json.Read();
            var depth = json.CurrentDepth;
            if (member == "results")
            {
                for (; json.Read() && json.TokenType != JsonTokenType.EndArray; contacts++)
                {
                    json.Skip();
                }
            }
            else if (member == "paging")
            {
                while (json.Read() && json.CurrentDepth > depth)
                {
                    if (json.TokenType == JsonTokenType.PropertyName && json.ValueTextEquals("after"u8))
                    {
                        json.Read();
                        after = json.GetString();
                    }
                }
            }
            else
            {
                json.Skip();
            }
        }

        return (contacts, after);
    }
}
