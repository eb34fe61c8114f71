using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>
/// POST /crm/v3/objects/contacts/batch/{create|update|upsert|archive}. Whole-request problems
/// (too many inputs, duplicate ids, bad JSON) are a 400; per-input failures are errors[] in a 207
/// Multi-Status, each naming its input by id (context.ids) or objectWriteTraceId. Batch create
/// without trace ids fails as a whole, as HubSpot documents.
/// </summary>
internal sealed class HubSpotBatchEndpoints(HubSpotContactStore store, HubSpotEmulatorOptions options, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context, string action)
    {
        var startedAt = time.GetUtcNow();
        using var body = await HubSpotHttp.ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("inputs", out var inputsJson) || inputsJson.ValueKind != JsonValueKind.Array)
        {
            await HubSpotHttp.WriteErrorAsync(context, 400, "VALIDATION_ERROR", "Invalid input JSON: 'inputs' is required.").ConfigureAwait(false);
            return;
        }

        var inputs = inputsJson.EnumerateArray().Select(HubSpotBatchInput.Parse).ToList();
        if (inputs.Count == 0 || inputs.Count > options.MaxBatchInputs)
        {
            await HubSpotHttp.WriteErrorAsync(context, 400, "VALIDATION_ERROR", $"Batch must contain between 1 and {options.MaxBatchInputs} inputs, got {inputs.Count}.").ConfigureAwait(false);
            return;
        }

        if (action is "update" or "archive" or "upsert")
        {
            var duplicates = inputs.Where(i => i.Id is not null).GroupBy(i => i.Id!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                await HubSpotHttp.WriteErrorAsync(context, 400, "VALIDATION_ERROR", $"Duplicate IDs found in batch input: [{string.Join(", ", duplicates)}]. IDs must be unique").ConfigureAwait(false);
                return;
            }
        }

        if (action == "archive")
        {
            foreach (var input in inputs)
            {
                if (long.TryParse(input.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    store.Archive(id);
                }
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (action == "create" && inputs.Any(i => i.ObjectWriteTraceId is null) && FirstCreateProblem(inputs) is { } whole)
        {
            await HubSpotHttp.WriteErrorAsync(context, whole).ConfigureAwait(false);
            return;
        }

        var results = new List<(HubSpotContactRow Row, HubSpotBatchInput Input, bool? IsNew)>(inputs.Count);
        var errors = new List<(HubSpotInputError Error, HubSpotBatchInput Input)>();
        foreach (var input in inputs)
        {
            var (row, isNew, error) = action switch
            {
                "create" => Created(store.Create(input.Properties)),
                "update" => Update(input),
                _ => Upsert(input),
            };
            if (error is not null)
            {
                errors.Add((error, input));
            }
            else
            {
                results.Add((row!.Value, input, action == "upsert" ? isNew : null));
            }
        }

        var status = errors.Count > 0 ? 207 : action == "create" ? 201 : 200;
        await HubSpotHttp.WriteJsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "COMPLETE");
            w.WriteStartArray("results");
            foreach (var (row, input, isNew) in results)
            {
                HubSpotContactJson.Write(w, row, [.. input.Properties.Keys], input.ObjectWriteTraceId, isNew);
            }

            w.WriteEndArray();
            if (errors.Count > 0)
            {
                w.WriteNumber("numErrors", errors.Count);
                w.WriteStartArray("errors");
                foreach (var (error, input) in errors)
                {
                    WriteError(w, error, input);
                }

                w.WriteEndArray();
            }

            w.WriteString("startedAt", startedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("completedAt", time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static (HubSpotContactRow? Row, bool IsNew, HubSpotInputError? Error) Created((HubSpotContactRow? Row, HubSpotInputError? Error) outcome) =>
        (outcome.Row, true, outcome.Error);

    private (HubSpotContactRow? Row, bool IsNew, HubSpotInputError? Error) Update(HubSpotBatchInput input)
    {
        var id = Resolve(input);
        if (id is null)
        {
            return (null, false, HubSpotInputError.NotFound(input.Id ?? "(none)"));
        }

        var (row, error) = store.Update(id.Value, input.Properties);
        return (row, false, error);
    }

    private (HubSpotContactRow? Row, bool IsNew, HubSpotInputError? Error) Upsert(HubSpotBatchInput input)
    {
        if (input.IdProperty is not (HubSpotContactSchema.Email or HubSpotContactSchema.ObjectId) || string.IsNullOrEmpty(input.Id))
        {
            return (null, false, HubSpotInputError.BadRequest($"Upsert needs 'id' and an 'idProperty' with unique values (email or hs_object_id), got '{input.IdProperty}'."));
        }

        if (store.FindBy(input.IdProperty, input.Id) is { } existing)
        {
            var (row, error) = store.Update(existing, input.Properties);
            return (row, false, error);
        }

        if (input.IdProperty == HubSpotContactSchema.ObjectId)
        {
            return (null, false, HubSpotInputError.NotFound(input.Id));
        }

        var properties = new Dictionary<string, string?>(input.Properties, StringComparer.Ordinal) { [HubSpotContactSchema.Email] = input.Id };
        var (created, createError) = store.Create(properties);
        return (created, true, createError);
    }

    private long? Resolve(HubSpotBatchInput input)
    {
        if (input.Id is null)
        {
            return null;
        }

        if (input.IdProperty is null or HubSpotContactSchema.ObjectId)
        {
            return long.TryParse(input.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && store.Get(id) is { ArchivedMs: null } ? id : null;
        }

        return input.IdProperty == HubSpotContactSchema.Email ? store.FindBy(HubSpotContactSchema.Email, input.Id) : null;
    }

    /// <summary>The first input a create would refuse, checked before anything is written.</summary>
    private HubSpotInputError? FirstCreateProblem(List<HubSpotBatchInput> inputs)
    {
        var emails = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var scratch = new string?[HubSpotContactSchema.Writable.Count];
            if (HubSpotPropertyValidator.Apply(input.Properties, scratch) is { } invalid)
            {
                return invalid;
            }

            if (scratch[HubSpotContactSchema.EmailIndex] is { } email
                && (!emails.Add(email) || store.FindBy(HubSpotContactSchema.Email, email) is not null))
            {
                return HubSpotInputError.Conflict(store.FindBy(HubSpotContactSchema.Email, email) ?? 0);
            }
        }

        return null;
    }

    private static void WriteError(Utf8JsonWriter w, HubSpotInputError error, HubSpotBatchInput input)
    {
        w.WriteStartObject();
        w.WriteString("status", "error");
        w.WriteString("category", error.Category);
        w.WriteString("message", error.Message);
        w.WriteStartObject("context");
        if (input.Id is not null)
        {
            w.WriteStartArray("ids");
            w.WriteStringValue(input.Id);
            w.WriteEndArray();
        }

        if (input.ObjectWriteTraceId is not null)
        {
            w.WriteStartArray("objectWriteTraceId");
            w.WriteStringValue(input.ObjectWriteTraceId);
            w.WriteEndArray();
        }

        w.WriteEndObject();
        HubSpotContactJson.WriteSubErrors(w, error);
        if (input.Id is not null)
        {
            w.WriteString("id", input.Id);
        }

        w.WriteEndObject();
    }
}
