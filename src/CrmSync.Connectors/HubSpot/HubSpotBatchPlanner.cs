namespace CrmSync.Connectors.HubSpot;

/// <summary>
/// Splits inputs, in order, into batches of at most <c>size</c>. When ids must be unique per batch
/// (HubSpot refuses a batch that names one id twice), a repeated id starts the next batch.
/// </summary>
internal static class HubSpotBatchPlanner
{
    public static IEnumerable<IReadOnlyList<HubSpotWriteInput>> Plan(IEnumerable<HubSpotWriteInput> inputs, int size, bool uniqueIds)
    {
        var batch = new List<HubSpotWriteInput>(size);
        var idsInBatch = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var input in inputs)
        {
            if (batch.Count == size || (uniqueIds && input.Id is not null && idsInBatch.Contains(input.Id)))
            {
                yield return batch;
                batch = new List<HubSpotWriteInput>(size);
                idsInBatch.Clear();
            }

            batch.Add(input);
            if (input.Id is not null)
            {
                idsInBatch.Add(input.Id);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
