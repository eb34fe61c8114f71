using RestSharp;

namespace CrmSync.Connectors.Common;

/// <summary>What a call is, for reports and error messages.</summary>
/// <param name="Operation">Logical operation, e.g. "search", "batch_update".</param>
/// <param name="Path">Path without host or secrets, e.g. "/crm/v3/objects/contacts/search".</param>
/// <param name="RecordsSent">Records in the request body (writes); reads report what came back.</param>
public sealed record ApiCall(string Operation, Method Method, string Path, int RecordsSent = 0)
{
    /// <summary>"POST /crm/v3/objects/contacts/search": how errors name the endpoint.</summary>
    public string Endpoint => $"{Method.ToString().ToUpperInvariant()} {Path}";
}
