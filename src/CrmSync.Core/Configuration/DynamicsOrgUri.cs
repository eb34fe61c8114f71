namespace CrmSync.Core.Configuration;

/// <summary>
/// Reduces what people paste as the Dynamics org (a host, the org URL, or the Web API URL with
/// <c>/api/data/v9.2</c>) to the org root with a trailing slash.
/// </summary>
internal static class DynamicsOrgUri
{
    public static bool TryNormalize(string text, out Uri orgUri)
    {
        orgUri = null!;
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query))
        {
            return false;
        }

        var path = uri.AbsolutePath;
        var api = path.IndexOf("/api/data", StringComparison.OrdinalIgnoreCase);
        if (api >= 0)
        {
            path = path[..api];
        }

        orgUri = new UriBuilder(uri) { Path = path.TrimEnd('/') + "/" }.Uri;
        return true;
    }
}
