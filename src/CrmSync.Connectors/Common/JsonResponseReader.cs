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
        var body = JsonBody(response);
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw NotJson(ex);
        }
    }

    /// <summary>The body's bytes, once its content type and length say it can be JSON (for a streaming parse).</summary>
    public byte[] JsonBody(RestResponse response)
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

        return body;
    }

    /// <summary>The error for a body that failed to parse: where, not what (the body may hold personal data).</summary>
    public CrmMalformedResponseException NotJson(JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Malformed($"the body is not valid JSON (byte {error.BytePositionInLine}, line {error.LineNumber}): {error.GetType().Name}", error);
    }

    /// <summary>A member that must be present with the given kind.</summary>
    public JsonElement Required(JsonElement parent, string name, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            throw Missing(name);
        }

        return value.ValueKind == kind ? value : throw WrongKind(name, value.ValueKind, kind);
    }

    /// <summary>A string member that must be present and non-empty.</summary>
    public string RequiredString(JsonElement parent, string name) => NonEmpty(name, Required(parent, name, JsonValueKind.String).GetString());

    /// <summary>A string member seen by a streaming parse that must be present and non-empty.</summary>
    public string RequiredString(JsonMember member, string name)
    {
        if (!member.IsPresent)
        {
            throw Missing(name);
        }

        return member.Kind == JsonValueKind.String ? NonEmpty(name, member.Text) : throw WrongKind(name, member.Kind, JsonValueKind.String);
    }

    /// <summary>A member that may be absent or null; null then.</summary>
    public JsonElement? Optional(JsonElement parent, string name, JsonValueKind kind) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? OptionalValue(value, name, kind) : null;

    /// <summary>A member already found (by a streaming parse; null when absent) that may be absent or null; null then.</summary>
    public JsonElement? OptionalValue(JsonElement? value, string name, JsonValueKind kind)
    {
        if (value is not { } found || found.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return found.ValueKind == kind ? found : throw WrongKind(name, found.ValueKind, kind);
    }

    /// <summary>A string member seen by a streaming parse that may be absent or null; null then.</summary>
    public string? OptionalString(JsonMember member, string name)
    {
        if (!member.IsPresent || member.Kind == JsonValueKind.Null)
        {
            return null;
        }

        return member.Kind == JsonValueKind.String ? member.Text : throw WrongKind(name, member.Kind, JsonValueKind.String);
    }

    public CrmMalformedResponseException Missing(string name) => Malformed($"the required member '{name}' is missing");

    public CrmMalformedResponseException WrongKind(string name, JsonValueKind actual, JsonValueKind expected) =>
        Malformed($"the member '{name}' is {actual}, expected {expected}");

    public CrmMalformedResponseException Malformed(string problem, Exception? inner = null) =>
        new(_system, _endpoint, _status, $"{_system} {_endpoint} returned a malformed response (HTTP {_status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): {problem}.", inner);

    private string NonEmpty(string name, string? value) =>
        string.IsNullOrEmpty(value) ? throw Malformed($"the required member '{name}' is empty") : value;
}
