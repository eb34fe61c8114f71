using System.Globalization;
using System.Text;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// POST $batch: multipart/mixed of operations and change sets, up to <see cref="MaxOperations"/>.
/// Operations run in order; a change set is atomic (one failure rolls back its earlier writes and
/// answers with that single error part); without Prefer: odata.continue-on-error processing stops at
/// the first failure, as Dataverse does. Content-ID is echoed on every answer.
/// </summary>
internal sealed class DynamicsBatchHandler(DynamicsWebApi api, DynamicsContactStore store)
{
    public int MaxOperations { get; set; } = 1000;

    public DynamicsResponse Handle(string? contentType, string body, string? prefer, string serviceRoot)
    {
        try
        {
            return Execute(contentType, body, prefer, serviceRoot);
        }
        catch (DynamicsServiceException error)
        {
            return DynamicsResponse.Error(error);
        }
    }

    private DynamicsResponse Execute(string? contentType, string body, string? prefer, string serviceRoot)
    {
        var parts = MultipartMixedReader.Split(body, MultipartMixedReader.BoundaryOf(contentType));
        var plan = parts.Select(p => IsChangeSet(p) ? ChangeSetOf(p) : [OperationOf(p, inChangeSet: false)]).ToList();
        var operationCount = plan.Sum(p => p.Count);
        if (operationCount > MaxOperations)
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.BatchTooLarge,
                $"The number of requests in the batch ({operationCount}) exceeds the limit of {MaxOperations}.");
        var continueOnError = prefer?.Contains("odata.continue-on-error", StringComparison.OrdinalIgnoreCase) == true;

        var boundary = "batchresponse_" + Guid.NewGuid().ToString("D");
        var output = new StringBuilder();
        for (var i = 0; i < plan.Count; i++)
        {
            var failed = IsChangeSet(parts[i])
                ? RunChangeSet(plan[i], serviceRoot, boundary, output)
                : RunSingle(plan[i][0], serviceRoot, boundary, output);
            if (failed && !continueOnError) break;
        }
        output.Append("--").Append(boundary).Append("--\r\n");
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = $"multipart/mixed; boundary={boundary}",
            ["OData-Version"] = "4.0",
        };
        return new DynamicsResponse(200, headers, Encoding.UTF8.GetBytes(output.ToString()));
    }

    private bool RunSingle(Operation operation, string serviceRoot, string boundary, StringBuilder output)
    {
        var response = api.Handle(operation.Request, serviceRoot);
        output.Append("--").Append(boundary).Append("\r\n");
        AppendHttpPart(output, operation.ContentId, response);
        return response.Status >= 400;
    }

    private bool RunChangeSet(List<Operation> operations, string serviceRoot, string boundary, StringBuilder output)
    {
        var responses = new List<(Operation Operation, DynamicsResponse Response)>();
        lock (store.Gate)
        {
            var journal = new List<(Guid Id, DynamicsContact? Previous)>();
            foreach (var operation in operations)
            {
                var response = api.Handle(operation.Request, serviceRoot, journal);
                if (response.Status >= 400)
                {
                    // Roll back in reverse so a row written twice ends as it was first found.
                    for (var j = journal.Count - 1; j >= 0; j--) store.Restore(journal[j].Id, journal[j].Previous);
                    output.Append("--").Append(boundary).Append("\r\n");
                    AppendHttpPart(output, operation.ContentId, response);
                    return true;
                }
                responses.Add((operation, response));
            }
        }

        var changeSetBoundary = "changesetresponse_" + Guid.NewGuid().ToString("D");
        output.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changeSetBoundary).Append("\r\n\r\n");
        foreach (var (operation, response) in responses)
        {
            output.Append("--").Append(changeSetBoundary).Append("\r\n");
            AppendHttpPart(output, operation.ContentId, response);
        }
        output.Append("--").Append(changeSetBoundary).Append("--\r\n");
        return false;
    }

    private static void AppendHttpPart(StringBuilder output, string? contentId, DynamicsResponse response)
    {
        output.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId is not null) output.Append("Content-ID: ").Append(contentId).Append("\r\n");
        output.Append("\r\nHTTP/1.1 ").Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(ReasonPhrase(response.Status)).Append("\r\n");
        foreach (var (name, value) in response.Headers) output.Append(name).Append(": ").Append(value).Append("\r\n");
        output.Append("\r\n");
        if (response.Body.Length > 0) output.Append(response.BodyText);
        output.Append("\r\n");
    }

    private static bool IsChangeSet(MultipartMixedReader.Part part) =>
        part.Headers.TryGetValue("Content-Type", out var type) && type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase);

    private static List<Operation> ChangeSetOf(MultipartMixedReader.Part part)
    {
        var inner = MultipartMixedReader.Split(part.Body, MultipartMixedReader.BoundaryOf(part.Headers["Content-Type"]));
        return [.. inner.Select(p => OperationOf(p, inChangeSet: true))];
    }

    private static Operation OperationOf(MultipartMixedReader.Part part, bool inChangeSet)
    {
        if (!part.Headers.TryGetValue("Content-Type", out var type) || !type.StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, "Each batch part must have Content-Type application/http.");
        var embedded = MultipartMixedReader.ParseRequest(part.Body);
        if (inChangeSet && embedded.Method == "GET")
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, "A change set cannot contain a GET request.");
        var request = DynamicsRequestParser.FromUrl(embedded.Method, embedded.Url, embedded.Headers, Encoding.UTF8.GetBytes(embedded.Body));
        return new Operation(part.Headers.GetValueOrDefault("Content-ID"), request);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        412 => "Precondition Failed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Status",
    };

    private sealed record Operation(string? ContentId, DynamicsRequest Request);
}
