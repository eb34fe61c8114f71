namespace CrmSync.Pipeline.Runs;

/// <summary>What a --dry-run of compute-deltas or push would send: counts per operation and one sample payload.</summary>
public sealed record DryRunPreview(IReadOnlyDictionary<string, long> CountsByOperation, string? SamplePayload);
