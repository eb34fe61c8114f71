using System.Net.Http.Headers;
using System.Text.Json;
using CrmSync.Sandbox.Dynamics;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>An HttpClient holding a valid bearer token for the emulator, to test it without the client.</summary>
internal static class DynamicsRawHttp
{
    public static async Task<HttpClient> CreateAsync(DynamicsEmulator emulator)
    {
        var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = emulator.ClientId,
            ["client_secret"] = emulator.ClientSecret,
            ["scope"] = emulator.OrgUri + "/.default",
        });
        using var response = await http.PostAsync(new Uri(emulator.BaseUri, $"{emulator.TenantId}/oauth2/v2.0/token"), form);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        http.DefaultRequestHeaders.Add("OData-Version", "4.0");
        http.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
        return http;
    }
}
