using System.Globalization;
using System.Text.Json;
using CrmSync.Connectors.Common;
using RestSharp;

namespace CrmSync.Connectors.HubSpot;

/// <summary>
/// Maps a batch response (200/201 all succeeded, 207 Multi-Status mixed, other 4xx all refused) to
/// exactly one <see cref="RecordWriteResult"/> per input. Results and errors are matched by
/// objectWriteTraceId, then by id (context.ids / the idProperty value); an input the response does
/// not mention fails with a message saying so, so nothing goes unaccounted.
/// </summary>
internal static class HubSpotBatchResultMapper
{
    public const string MissingFromResponse = "MISSING_FROM_RESPONSE";

    public static InterpretedResponse<IReadOnlyList<RecordWriteResult>> Map(
        HubSpotBatchOperation operation, IReadOnlyList<HubSpotWriteInput> inputs, string? idProperty, ApiCall call, RestResponse response)
    {
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            if (HubSpotFailures.StopsTheStage(response))
            {
                throw HubSpotFailures.For(call, response);
            }

            // The whole request was refused (e.g. 400 for a batch create without trace ids): every input fails with HubSpot's error.
            var body = HubSpotErrorBody.From(response);
            var message = body.Message ?? $"HubSpot {call.Endpoint} refused the batch with HTTP {status}.";
            return new([.. inputs.Select(i => RecordWriteResult.Failure(i.InputKey, i.Id, status, body.Code, message, retryable: false))], inputs.Count);
        }

        var reader = JsonResponseReader.For(HubSpotFailures.System, call, response);
        using var document = reader.Parse(response);
        var root = document.RootElement;
        var outcomes = new RecordWriteResult?[inputs.Count];
        var successStatus = operation == HubSpotBatchOperation.Create ? 201 : 200;

        foreach (var result in reader.Required(root, "results", JsonValueKind.Array).EnumerateArray())
        {
            var id = reader.RequiredString(result, "id");
            var position = PositionOf(result, inputs, outcomes, operation, idProperty, id, reader);
            if (position is { } p)
            {
                outcomes[p] = RecordWriteResult.Success(inputs[p].InputKey, id, successStatus);
            }
        }

        var unmatchedErrors = new List<string>();
        if (reader.Optional(root, "errors", JsonValueKind.Array) is { } errors)
        {
            foreach (var error in errors.EnumerateArray())
            {
                var category = reader.Optional(error, "category", JsonValueKind.String)?.GetString();
                var message = reader.Optional(error, "message", JsonValueKind.String)?.GetString() ?? "no message";
                var positions = ErrorPositions(error, inputs, outcomes, reader);
                if (positions.Count == 0)
                {
                    unmatchedErrors.Add($"{category}: {message}");
                }

                var errorStatus = StatusOf(category);
                foreach (var p in positions)
                {
                    outcomes[p] = RecordWriteResult.Failure(inputs[p].InputKey, inputs[p].Id, errorStatus, category, message, errorStatus is 429 or >= 500);
                }
            }
        }

        var results = new RecordWriteResult[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            results[i] = outcomes[i] ?? RecordWriteResult.Failure(
                inputs[i].InputKey,
                inputs[i].Id,
                status,
                MissingFromResponse,
                $"HubSpot {call.Endpoint} answered {status} without a result or an error for this input"
                + (unmatchedErrors.Count > 0 ? $"; errors it could not be matched to: {string.Join(" | ", unmatchedErrors)}" : "."),
                retryable: operation != HubSpotBatchOperation.Create);
        }

        return new(results, inputs.Count);
    }

    private static int? PositionOf(
        JsonElement result, IReadOnlyList<HubSpotWriteInput> inputs, RecordWriteResult?[] outcomes, HubSpotBatchOperation operation, string? idProperty, string id, JsonResponseReader reader)
    {
        if (reader.Optional(result, "objectWriteTraceId", JsonValueKind.String)?.GetString() is { } trace
            && int.TryParse(trace, NumberStyles.None, CultureInfo.InvariantCulture, out var traced) && traced < inputs.Count)
        {
            return traced;
        }

        // No trace id echoed: match by the key the input was sent with.
        string? key = operation switch
        {
            HubSpotBatchOperation.Update => id,
            HubSpotBatchOperation.Upsert when idProperty == "hs_object_id" => id,
            HubSpotBatchOperation.Upsert => PropertyOf(result, idProperty ?? "email"),
            _ => PropertyOf(result, "email"),
        };
        for (var i = 0; i < inputs.Count; i++)
        {
            var inputKey = operation == HubSpotBatchOperation.Create ? inputs[i].Properties.GetValueOrDefault("email") : inputs[i].Id;
            if (outcomes[i] is null && key is not null && string.Equals(inputKey, key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return null;
    }

    private static List<int> ErrorPositions(JsonElement error, IReadOnlyList<HubSpotWriteInput> inputs, RecordWriteResult?[] outcomes, JsonResponseReader reader)
    {
        var positions = new List<int>();
        var context = reader.Optional(error, "context", JsonValueKind.Object);
        if (context is { } c && reader.Optional(c, "objectWriteTraceId", JsonValueKind.Array) is { } traces)
        {
            foreach (var trace in traces.EnumerateArray())
            {
                if (int.TryParse(trace.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p < inputs.Count)
                {
                    positions.Add(p);
                }
            }

            if (positions.Count > 0)
            {
                return positions;
            }
        }

        var ids = new List<string>();
        if (context is { } ctx && reader.Optional(ctx, "ids", JsonValueKind.Array) is { } idsJson)
        {
            ids.AddRange(idsJson.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : i.GetRawText()));
        }

        if (ids.Count == 0 && reader.Optional(error, "id", JsonValueKind.String)?.GetString() is { } single)
        {
            ids.Add(single);
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (outcomes[i] is null && inputs[i].Id is { } inputId && ids.Contains(inputId, StringComparer.OrdinalIgnoreCase))
            {
                positions.Add(i);
            }
        }

        return positions;
    }

    private static string? PropertyOf(JsonElement result, string name) =>
        result.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
        && properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static int StatusOf(string? category) => category switch
    {
        "OBJECT_NOT_FOUND" => 404,
        "CONFLICT" => 409,
        "RATE_LIMITS" => 429,
        "INVALID_AUTHENTICATION" => 401,
        "MISSING_SCOPES" => 403,
        "INTERNAL_ERROR" => 500,
        _ => 400,
    };
}
