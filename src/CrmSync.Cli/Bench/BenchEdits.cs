using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmSync.Cli.Bench;

/// <summary>
/// The incremental run's edits in `bench pipeline`: the first <c>count</c> contacts of each emulator get a new city,
/// made through the emulators' admin API as a user's edit in the CRM (the emulators run in processes of their own).
/// HubSpot's first contacts by id, Dynamics' first by modifiedon. Each round writes values of its own, so a repeated
/// round is a real change again.
/// </summary>
internal static class BenchEdits
{
    public static async Task ApplyAsync(Uri hubspot, Uri dynamics, int count, int round, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        foreach (var contact in await FirstAsync(http, new Uri(hubspot, $"_admin/contacts?includeArchived=false&limit={count}"), cancellationToken).ConfigureAwait(false))
        {
            var id = contact.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
            var change = new { properties = new Dictionary<string, string> { ["city"] = $"Bench City {id} ({round})" } };
            await SendAsync(http, new Uri(hubspot, $"_admin/contacts/{id}"), change, cancellationToken).ConfigureAwait(false);
        }

        foreach (var contact in await FirstAsync(http, new Uri(dynamics, $"_admin/dynamics/contacts?limit={count}"), cancellationToken).ConfigureAwait(false))
        {
            var id = contact.GetProperty("contactid").GetGuid();
            await SendAsync(http, new Uri(dynamics, $"_admin/dynamics/contacts/{id}"), new Dictionary<string, string> { ["address1_city"] = $"Bench Town ({round})" }, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static async Task<List<JsonElement>> FirstAsync(HttpClient http, Uri contacts, CancellationToken cancellationToken)
    {
        var all = await http.GetFromJsonAsync<JsonElement>(contacts, cancellationToken).ConfigureAwait(false);
        return [.. all.EnumerateArray()];
    }

    private static async Task SendAsync<T>(HttpClient http, Uri contact, T change, CancellationToken cancellationToken)
    {
        using var response = await http.PatchAsJsonAsync(contact, change, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"the benchmark's edit of {contact} was refused ({(int)response.StatusCode}): {body}");
        }
    }
}
