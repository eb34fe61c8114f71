namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// Splits a multipart/mixed body (RFC 2046) into parts, and an application/http part into the
/// request it carries. Tolerates LF as well as CRLF line ends, as Dataverse does.
/// </summary>
internal static class MultipartMixedReader
{
    public sealed record Part(IReadOnlyDictionary<string, string> Headers, string Body);

    public sealed record EmbeddedRequest(string Method, string Url, IReadOnlyDictionary<string, string> Headers, string Body);

    public static string BoundaryOf(string? contentType)
    {
        const string Key = "boundary=";
        var index = contentType?.IndexOf(Key, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (contentType is null || !contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase) || index < 0)
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, "The batch request must have Content-Type multipart/mixed with a boundary.");
        var boundary = contentType[(index + Key.Length)..].Split(';')[0].Trim().Trim('"');
        return boundary.Length > 0 ? boundary : throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, "The multipart boundary is empty.");
    }

    public static List<Part> Split(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<Part>();
        var position = FindDelimiter(body, delimiter, 0);
        if (position < 0)
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, $"The multipart body has no '{delimiter}' delimiter.");
        while (true)
        {
            var afterDelimiter = position + delimiter.Length;
            if (string.CompareOrdinal(body, afterDelimiter, "--", 0, 2) == 0) return parts;
            var contentStart = LineEnd(body, afterDelimiter);
            var next = FindDelimiter(body, delimiter, contentStart);
            if (next < 0)
                throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, $"The multipart body is missing its closing '{delimiter}--'.");
            var contentEnd = next;
            if (contentEnd > contentStart && body[contentEnd - 1] == '\n') contentEnd--;
            if (contentEnd > contentStart && body[contentEnd - 1] == '\r') contentEnd--;
            var (headers, partBody) = HeadersAndBody(body[contentStart..contentEnd]);
            parts.Add(new Part(headers, partBody));
            position = next;
        }
    }

    public static EmbeddedRequest ParseRequest(string message)
    {
        var lineEnd = message.IndexOf('\n', StringComparison.Ordinal);
        var requestLine = (lineEnd < 0 ? message : message[..lineEnd]).TrimEnd('\r');
        var words = requestLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, $"Invalid request line '{requestLine}' in a batch part.");
        var (headers, body) = HeadersAndBody(lineEnd < 0 ? "" : message[(lineEnd + 1)..]);
        return new EmbeddedRequest(words[0].ToUpperInvariant(), words[1], headers, body);
    }

    private static (Dictionary<string, string> Headers, string Body) HeadersAndBody(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var line = (end < 0 ? text[position..] : text[position..end]).TrimEnd('\r');
            position = end < 0 ? text.Length : end + 1;
            if (line.Length == 0) break;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return (headers, text[position..]);
    }

    private static int FindDelimiter(string body, string delimiter, int from)
    {
        var index = from;
        while ((index = body.IndexOf(delimiter, index, StringComparison.Ordinal)) >= 0)
        {
            if (index == 0 || body[index - 1] == '\n') return index;
            index += delimiter.Length;
        }
        return -1;
    }

    private static int LineEnd(string body, int from)
    {
        var end = body.IndexOf('\n', from);
        return end < 0 ? body.Length : end + 1;
    }
}
