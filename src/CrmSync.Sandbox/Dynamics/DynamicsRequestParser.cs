namespace CrmSync.Sandbox.Dynamics;

/// <summary>Turns a URL (absolute, server-relative or service-relative) into a <see cref="DynamicsRequest"/>.</summary>
internal static class DynamicsRequestParser
{
    public const string ServicePath = "/api/data/v9.2/";

    public static DynamicsRequest FromUrl(string method, string url, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        var pathAndQuery = url;
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
            pathAndQuery = absolute.PathAndQuery;
        var servicePathAt = pathAndQuery.IndexOf(ServicePath, StringComparison.OrdinalIgnoreCase);
        if (servicePathAt >= 0) pathAndQuery = pathAndQuery[(servicePathAt + ServicePath.Length)..];
        var queryAt = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var resource = Uri.UnescapeDataString(queryAt < 0 ? pathAndQuery : pathAndQuery[..queryAt]);
        return new DynamicsRequest(method, resource, ParseQuery(queryAt < 0 ? "" : pathAndQuery[(queryAt + 1)..]), headers, body);
    }

    public static Dictionary<string, string> ParseQuery(string query)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!options.TryAdd(key, value))
                throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, $"Query option '{key}' was specified more than once.");
        }
        return options;
    }
}
