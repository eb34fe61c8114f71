using System.Globalization;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Reads a $batch response (multipart/mixed, change-set responses nested) into one answer per
/// operation: Content-ID, HTTP status and body. A failed change set answers with a single part.
/// Anything that is not that shape is reported through <c>malformed</c> (naming the problem).
/// </summary>
internal static class DynamicsBatchResponseReader
{
    public sealed record PartAnswer(int? ContentId, int Status, string Body);

    public static List<PartAnswer> Read(string? contentType, string body, Func<string, Exception> malformed)
    {
        var answers = new List<PartAnswer>();
        ReadMultipart(BoundaryOf(contentType, malformed), body, answers, malformed);
        return answers;
    }

    private static void ReadMultipart(string boundary, string body, List<PartAnswer> answers, Func<string, Exception> malformed)
    {
        var delimiter = "--" + boundary;
        var position = FindDelimiter(body, delimiter, 0);
        if (position < 0) throw malformed($"the multipart body has no '{delimiter}' delimiter");
        while (true)
        {
            var after = position + delimiter.Length;
            if (string.CompareOrdinal(body, after, "--", 0, 2) == 0) return;
            var start = body.IndexOf('\n', after);
            if (start < 0) throw malformed("a multipart part has no content");
            start++;
            var next = FindDelimiter(body, delimiter, start);
            if (next < 0) throw malformed($"the multipart body is missing its closing '{delimiter}--'");
            var (headers, content) = SplitHeaders(body[start..next]);
            var type = headers.GetValueOrDefault("Content-Type") ?? "";
            if (type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
                ReadMultipart(BoundaryOf(type, malformed), content, answers, malformed);
            else if (type.StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
                answers.Add(ReadHttp(headers, content, malformed));
            else
                throw malformed($"unexpected part content type '{type}'");
            position = next;
        }
    }

    private static PartAnswer ReadHttp(Dictionary<string, string> partHeaders, string message, Func<string, Exception> malformed)
    {
        var lineEnd = message.IndexOf('\n', StringComparison.Ordinal);
        var statusLine = (lineEnd < 0 ? message : message[..lineEnd]).TrimEnd('\r');
        var words = statusLine.Split(' ', 3);
        if (words.Length < 2 || !words[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            throw malformed($"a part has no HTTP status line (got '{(statusLine.Length > 40 ? statusLine[..40] : statusLine)}')");
        var (_, body) = SplitHeaders(lineEnd < 0 ? "" : message[(lineEnd + 1)..]);
        int? contentId = partHeaders.TryGetValue("Content-ID", out var id) && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new PartAnswer(contentId, status, body.Trim());
    }

    private static (Dictionary<string, string> Headers, string Remainder) SplitHeaders(string text)
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

    private static string BoundaryOf(string? contentType, Func<string, Exception> malformed)
    {
        const string Key = "boundary=";
        var index = contentType?.IndexOf(Key, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (contentType is null || index < 0 || !contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            throw malformed($"expected multipart/mixed with a boundary but got content type '{contentType ?? "none"}'");
        return contentType[(index + Key.Length)..].Split(';')[0].Trim().Trim('"');
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
}
