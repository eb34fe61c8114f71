namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// One Web API operation, either a top-level HTTP request or a part of a $batch.
/// </summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Resource">Path relative to the service root, e.g. "contacts(&lt;guid&gt;)".</param>
/// <param name="Query">Decoded query options ($select, $filter, ...).</param>
/// <param name="Headers">Request headers, case-insensitive.</param>
/// <param name="Body">Raw body (empty when none).</param>
internal sealed record DynamicsRequest(
    string Method,
    string Resource,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public IEnumerable<string> Preferences => Header("Prefer") is { } prefer ? [prefer] : [];
}
