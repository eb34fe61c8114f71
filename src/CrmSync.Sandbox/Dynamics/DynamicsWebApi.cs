using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// Routes one Web API operation (top-level or inside a $batch) to the contact table: collection
/// queries, single-row GET/PATCH/DELETE with conditional headers, and option-set metadata.
/// A change set passes a journal so its writes can be rolled back together.
/// </summary>
internal sealed partial class DynamicsWebApi(
    DynamicsContactStore store,
    DynamicsContactQueryHandler queries,
    Func<Guid, bool> accountExists,
    Func<Guid, string?> accountName)
{
    public DynamicsResponse Handle(DynamicsRequest request, string serviceRoot, List<(Guid Id, DynamicsContact? Previous)>? journal = null)
    {
        try
        {
            return Route(request, serviceRoot, journal);
        }
        catch (DynamicsServiceException error)
        {
            return DynamicsResponse.Error(error);
        }
    }

    private DynamicsResponse Route(DynamicsRequest request, string serviceRoot, List<(Guid Id, DynamicsContact? Previous)>? journal)
    {
        var resource = request.Resource;
        if (resource == DynamicsContactSchema.EntitySetName)
        {
            return request.Method == "GET"
                ? queries.Handle(request, serviceRoot)
                : throw new DynamicsServiceException(405, DynamicsErrorCodes.InvalidArgument,
                    $"{request.Method} on contacts is not supported by the emulator; create with PATCH contacts(<id>).");
        }
        if (resource == DynamicsOptionSetMetadata.Resource && request.Method == "GET")
            return DynamicsOptionSetMetadata.Handle(serviceRoot);

        var match = SingleContact().Match(resource);
        if (!match.Success)
            throw new DynamicsServiceException(404, DynamicsErrorCodes.InvalidArgument, $"Resource not found for the segment '{resource}'.");
        if (!Guid.TryParse(match.Groups[1].Value, out var id))
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, $"'{match.Groups[1].Value}' is not a valid key for contacts.");

        switch (request.Method)
        {
            case "GET":
            {
                var row = store.Get(id) ?? throw DynamicsServiceException.NotFound(id);
                var select = request.Query.TryGetValue("$select", out var s)
                    ? s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Prepend("contactid").Distinct().ToList()
                    : null;
                select?.ForEach(DynamicsContactValues.EnsureKnown);
                var annotations = DynamicsAnnotationPreference.Of(DynamicsContactQueryHandler.ParsePreferences(request.Preferences).IncludeAnnotations);
                using var buffer = new MemoryStream();
                using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
                    new DynamicsContactJsonWriter(select, annotations, accountName).Write(json, row);
                return DynamicsResponse.Json(200, buffer.ToArray());
            }
            case "PATCH":
            {
                var changes = DynamicsContactPayload.Parse(id, request.Body, accountExists);
                lock (store.Gate)
                {
                    var condition = Condition(request, id);
                    var previous = store.Get(id);
                    var (row, _) = store.Write(id, changes, condition);
                    journal?.Add((id, previous));
                    var entityId = $"{serviceRoot}contacts({id:D})";
                    return DynamicsResponse.NoContent(new Dictionary<string, string>
                    {
                        ["OData-EntityId"] = entityId,
                        ["ETag"] = $"W/\"{row.VersionNumber.ToString(CultureInfo.InvariantCulture)}\"",
                    });
                }
            }
            case "DELETE":
            {
                lock (store.Gate)
                {
                    var previous = store.Get(id);
                    store.Delete(id);
                    journal?.Add((id, previous));
                    return DynamicsResponse.NoContent();
                }
            }
            default:
                throw new DynamicsServiceException(405, DynamicsErrorCodes.InvalidArgument, $"{request.Method} is not supported on contacts(<id>).");
        }
    }

    /// <summary>If-Match: * updates only, If-None-Match: * creates only, If-Match: W/"v" checks the row version.</summary>
    private DynamicsWriteCondition Condition(DynamicsRequest request, Guid id)
    {
        var ifMatch = request.Header("If-Match");
        var ifNoneMatch = request.Header("If-None-Match");
        if (ifNoneMatch == "*") return DynamicsWriteCondition.CreateOnly;
        if (ifMatch is null) return DynamicsWriteCondition.Upsert;
        if (ifMatch == "*") return DynamicsWriteCondition.UpdateOnly;
        var current = store.Get(id) ?? throw DynamicsServiceException.NotFound(id);
        var expected = $"W/\"{current.VersionNumber.ToString(CultureInfo.InvariantCulture)}\"";
        return ifMatch == expected
            ? DynamicsWriteCondition.UpdateOnly
            : throw new DynamicsServiceException(412, DynamicsErrorCodes.ConcurrencyVersionMismatch,
                "The version of the existing record doesn't match the RowVersion property provided.");
    }

    [GeneratedRegex(@"^contacts\(([^)]*)\)$")]
    private static partial Regex SingleContact();
}
