using System.Text;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Maps the answers of one $batch back to its inputs. Answers come in request order: a change set
/// that succeeded answers once per operation; one that failed answers once, with the error of the
/// operation that broke it (named by Content-ID when the service echoes it). Operations without an
/// answer were never run. Content-IDs are used when present, order otherwise.
/// </summary>
internal static class DynamicsBatchResultMapper
{
    public static RecordWriteResult[] Map(IReadOnlyList<DynamicsContactWrite> writes, int changeSetSize, IReadOnlyList<DynamicsBatchResponseReader.PartAnswer> answers)
    {
        var results = new RecordWriteResult[writes.Count];
        var next = 0;
        for (var start = 0; start < writes.Count; start += changeSetSize)
        {
            var count = Math.Min(changeSetSize, writes.Count - start);
            if (next >= answers.Count)
            {
                for (var n = start; n < start + count; n++)
                    results[n] = Failure(writes[n], null, "NOT_PROCESSED", "The $batch stopped before this operation; it was not applied.", retryable: true);
                continue;
            }

            var first = answers[next];
            if (first.Status >= 400 && !(first.ContentId is { } id && (id < start + 1 || id > start + count)))
            {
                next++;
                var culprit = first.ContentId is { } contentId ? contentId - 1 : count == 1 ? start : -1;
                for (var n = start; n < start + count; n++)
                {
                    results[n] = n == culprit ? ResultOf(writes[n], first)
                        : culprit >= 0 ? Failure(writes[n], first.Status, "CHANGESET_ROLLED_BACK",
                            $"Not applied: operation {culprit + 1} of the same change set failed and the change set was rolled back.", retryable: true)
                        : Failure(writes[n], first.Status, ErrorOf(first).Code,
                            "The change set was rolled back; the service did not say which operation failed: " + ErrorOf(first).Message, retryable: true);
                }
                continue;
            }

            for (var n = start; n < start + count; n++)
            {
                var answer = next < answers.Count ? answers[next++] : null;
                if (answer?.ContentId is { } echoed && echoed != n + 1)
                    answer = answers.FirstOrDefault(a => a.ContentId == n + 1);
                results[n] = answer is null
                    ? Failure(writes[n], null, "NOT_PROCESSED", "The $batch response has no answer for this operation.", retryable: true)
                    : ResultOf(writes[n], answer);
            }
        }
        return results;
    }

    private static RecordWriteResult ResultOf(DynamicsContactWrite write, DynamicsBatchResponseReader.PartAnswer part)
    {
        var id = write.ContactId.ToString("D");
        if (part.Status is >= 200 and < 300) return RecordWriteResult.Success(write.InputKey, id, part.Status);
        // A create that finds its own deterministic id already there was created by an earlier try.
        if (write.IsCreate && part.Status == 412) return RecordWriteResult.Success(write.InputKey, id, part.Status);
        var error = ErrorOf(part);
        var retryable = part.Status is 429 or 408 or >= 500;
        return RecordWriteResult.Failure(write.InputKey, id, part.Status, error.Code, error.Message ?? $"HTTP {part.Status} without an error body", retryable);
    }

    private static DynamicsServiceError ErrorOf(DynamicsBatchResponseReader.PartAnswer part) => DynamicsServiceError.Read(Encoding.UTF8.GetBytes(part.Body));

    private static RecordWriteResult Failure(DynamicsContactWrite write, int? status, string? code, string message, bool retryable) =>
        RecordWriteResult.Failure(write.InputKey, write.ContactId.ToString("D"), status, code, message, retryable);
}
