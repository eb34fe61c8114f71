using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>Writes HubSpot-shaped responses straight to the body pipe (no intermediate strings).</summary>
internal static class HubSpotHttp
{
    public const string CorrelationHeader = "X-HubSpot-Correlation-Id";

    /// <summary>The id of this request, also sent as X-HubSpot-Correlation-Id and in error bodies.</summary>
    public static string CorrelationId(HttpContext context)
    {
        if (context.Items.TryGetValue(CorrelationHeader, out var existing) && existing is string id)
        {
            return id;
        }

        id = Guid.NewGuid().ToString();
        context.Items[CorrelationHeader] = id;
        context.Response.Headers[CorrelationHeader] = id;
        return id;
    }

    public static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        CorrelationId(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=utf-8";
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            write(writer);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>HubSpot's error body: {status:"error", message, correlationId, category, ...}.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string category, string message, Action<Utf8JsonWriter>? extra = null)
    {
        var correlationId = CorrelationId(context);
        return WriteJsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "error");
            w.WriteString("message", message);
            w.WriteString("correlationId", correlationId);
            w.WriteString("category", category);
            extra?.Invoke(w);
            w.WriteEndObject();
        });
    }

    public static Task WriteErrorAsync(HttpContext context, HubSpotInputError error) =>
        WriteErrorAsync(context, error.Status, error.Category, error.Message, w => HubSpotContactJson.WriteSubErrors(w, error));

    /// <summary>Reads the JSON body or answers 400 as HubSpot does for unparsable input.</summary>
    public static async Task<JsonDocument?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await WriteErrorAsync(context, 400, "VALIDATION_ERROR", $"Invalid input JSON on line {ex.LineNumber}, position {ex.BytePositionInLine}.").ConfigureAwait(false);
            return null;
        }
    }
}
