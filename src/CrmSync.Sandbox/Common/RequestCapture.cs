using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace CrmSync.Sandbox.Common;

/// <summary>
/// Records incoming requests (method, path, query, headers, body) while <see cref="Enabled"/>; off by
/// default so benchmarks pay nothing. Admin API calls are never recorded.
/// </summary>
public sealed class RequestCapture
{
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();

    public bool Enabled { get; set; }

    /// <summary>Requests in arrival order.</summary>
    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    public void Clear() => _requests.Clear();

    internal async Task RecordAsync(HttpContext context)
    {
        var request = context.Request;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new CapturedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", headers, body));
    }
}
