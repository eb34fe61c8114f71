using System.Text.Json;
using RestSharp;

namespace CrmSync.Connectors.HubSpot;

/// <summary>
/// HubSpot's error body {status, message, correlationId, category, policyName, errorType}; every
/// field optional. A body that is not JSON (an HTML error page) yields an empty instance, never an exception.
/// </summary>
internal sealed record HubSpotErrorBody(string? Message, string? Category, string? PolicyName, string? CorrelationId)
{
    public const string DailyPolicy = "DAILY";
    public const string TenSecondlyPolicy = "TEN_SECONDLY_ROLLING";
    public const string SecondlyPolicy = "SECONDLY";

    private static readonly HubSpotErrorBody Empty = new(null, null, null, null);

    /// <summary>The code reports and exceptions carry: the rate-limit policy, else the category.</summary>
    public string? Code => PolicyName ?? Category;

    public static HubSpotErrorBody From(RestResponse response)
    {
        var bytes = response.RawBytes;
        if (bytes is null || bytes.Length == 0 || bytes[0] != (byte)'{')
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return new HubSpotErrorBody(Text(root, "message"), Text(root, "category"), Text(root, "policyName"), Text(root, "correlationId"));
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
