namespace CrmSync.Pipeline.Stages.Deltas;

/// <summary>What a --dry-run of compute-deltas would queue, over all its chunks: rows per "system OPERATION", and the first payload.</summary>
internal sealed class PreviewCounts
{
    public SortedDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    public string? Sample { get; private set; }

    public void Add(string label, string payload)
    {
        Counts[label] = Counts.GetValueOrDefault(label) + 1;
        Sample ??= payload;
    }
}
