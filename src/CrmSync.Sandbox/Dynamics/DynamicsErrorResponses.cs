using System.Globalization;
using System.Text.Json;
using CrmSync.Sandbox.Common;
using Microsoft.AspNetCore.Http;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>How Dataverse words an injected 500 or 429 (error body, Retry-After in seconds).</summary>
internal sealed class DynamicsErrorResponses : IServiceErrorResponses
{
    public Task WriteServerErrorAsync(HttpContext context) =>
        WriteAsync(context, new DynamicsServiceException(500, DynamicsErrorCodes.ServerError, "An unexpected error occurred."), null);

    public Task WriteRateLimitedAsync(HttpContext context, TimeSpan retryAfter) =>
        WriteAsync(context, new DynamicsServiceException(429, DynamicsErrorCodes.RequestsLimitExceeded,
            "Number of requests exceeded the limit of 6000 over time window of 300 seconds."), retryAfter);

    public static async Task WriteAsync(HttpContext context, DynamicsServiceException error, TimeSpan? retryAfter)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/json; odata.metadata=minimal";
        if (retryAfter is { } wait)
            context.Response.Headers["Retry-After"] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, Dictionary<string, string>>
        {
            ["error"] = new() { ["code"] = error.Code, ["message"] = error.Message },
        });
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
