using System.Net.Http.Headers;
using RestSharp;

namespace CrmSync.Connectors.Common;

/// <summary>
/// Builds the <see cref="RestResponse"/> of a paged read with the body kept as bytes only. RestSharp's
/// default copies every body twice into growing byte arrays and decodes it into a string through a
/// StringBuilder (a 5,000-row Dataverse page is ~5 MB of bytes, so ~4x that in large-object-heap
/// garbage per page); the readers parse <see cref="RestResponseBase.RawBytes"/> and never read
/// <see cref="RestResponseBase.Content"/>, which stays null. Every other member is filled as
/// RestSharp's default fills it, except <see cref="RestResponseBase.ResponseStatus"/>: any HTTP answer
/// is <see cref="ResponseStatus.Completed"/> (the status code tells success from failure).
/// </summary>
public static class ByteBodyResponse
{
    /// <summary>Makes <paramref name="request"/> build its response with <see cref="Create"/>.</summary>
    public static RestRequest KeepingBodyAsBytes(this RestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The body must be buffered before the (synchronous) writer runs.
        request.CompletionOption = HttpCompletionOption.ResponseContentRead;
        request.AdvancedResponseWriter = Create;
        return request;
    }

    public static RestResponse Create(HttpResponseMessage message, RestRequest request)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(request);
        var content = message.Content;
        return new RestResponse(request)
        {
            RawBytes = ReadBody(content),
            ContentEncoding = content.Headers.ContentEncoding,
            ContentHeaders = HeaderParameters(content.Headers),
            ContentLength = content.Headers.ContentLength,
            ContentType = content.Headers.ContentType?.MediaType,
            Headers = HeaderParameters(message.Headers),
            IsSuccessStatusCode = message.IsSuccessStatusCode,
            ResponseStatus = ResponseStatus.Completed,
            ResponseUri = message.RequestMessage?.RequestUri,
            RootElement = request.RootElement,
            Server = message.Headers.Server.ToString(),
            StatusCode = message.StatusCode,
            StatusDescription = message.ReasonPhrase,
            Version = message.RequestMessage?.Version,
        };
    }

    /// <summary>One copy out of HttpClient's buffer into an array of exactly the body's length.</summary>
    private static byte[] ReadBody(HttpContent content)
    {
        using var stream = content.ReadAsStream();
        if (content.Headers.ContentLength is { } length and <= int.MaxValue)
        {
            var body = GC.AllocateUninitializedArray<byte>((int)length);
            stream.ReadExactly(body);
            return body;
        }

        // Length unknown (e.g. decompressed content): copy as RestSharp would.
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>One parameter per header value, as RestSharp lists them.</summary>
    private static List<HeaderParameter> HeaderParameters(HttpHeaders headers) =>
        [.. headers.SelectMany(header => header.Value.Select(value => new HeaderParameter(header.Key, value)))];
}
