using System.Text.Json;
using RestSharp;

namespace CrmSync.Connectors.Common;

/// <summary>
/// Parses a response body as JSON and reads required members, throwing
/// <see cref="CrmMalformedResponseException"/> that names the system, endpoint and member at fault
/// (never the body itself: it may hold personal data).
/// </summary>
public sealed class JsonResponseReader
{
    private readonly string _system;
    private readonly string _endpoint;
    private readonly int? _status;

    public JsonResponseReader(string system, string endpoint, int? status)
    {
        _system = system;
        _endpoint = endpoint;
        _status = status;
    }

    public static JsonResponseReader For(string system, ApiCall call, RestResponse response)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(response);
        return new JsonResponseReader(system, call.Endpoint, (int)response.StatusCode);
    }

    /// <summary>The body as a JSON document; the caller disposes it.</summary>
    public JsonDocument Parse(RestResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var contentType = response.ContentType ?? response.ContentHeaders?.FirstOrDefault(h => string.Equals(h.Name, "Content-Type", StringComparison.OrdinalIgnoreCase))?.Value;
        if (contentType is not null && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed($"expected JSON but got content type '{contentType}'");
        }

        var body = response.RawBytes;
        if (body is null || body.Length == 0)
        {
            throw Malformed("expected JSON but the body was empty");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw Malformed($"the body is not valid JSON (byte {ex.BytePositionInLine}, line {ex.LineNumber}): {ex.GetType().Name}", ex);
        }
    }

    /// <summary>A member that must be present with the given kind.</summary>
    public JsonElement Required(JsonElement parent, string name, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            throw Malformed($"the required member '{name}' is missing");
        }

        if (value.ValueKind != kind)
        {
            throw Malformed($"the member '{name}' is {value.ValueKind}, expected {kind}");
        }

        return value;
    }

    /// <summary>A string member that must be present and non-empty.</summary>
    public string RequiredString(JsonElement parent, string name)
    {
        var value = Required(parent, name, JsonValueKind.String).GetString();
        return string.IsNullOrEmpty(value) ? throw Malformed($"the required member '{name}' is empty") : value;
    }

    /// <summary>A member that may be absent or null; null then.</summary>
    public JsonElement? Optional(JsonElement parent, string name, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == kind ? value : throw Malformed($"the member '{name}' is {value.ValueKind}, expected {kind}");
    }

    public CrmMalformedResponseException Malformed(string problem, Exception? inner = null) =>
        new(_system, _endpoint, _status, $"{_system} {_endpoint} returned a malformed response (HTTP {_status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): {problem}.", inner);
}
