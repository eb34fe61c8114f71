namespace CrmSync.Pipeline.Runs;

/// <summary>What a stage is asked to do, from the command line.</summary>
public sealed record StageOptions
{
    /// <summary>Ingest: ignore the watermark and read everything.</summary>
    public bool Full { get; init; }

    /// <summary>Ingest: read records modified on or after this day (UTC) instead of the watermark.</summary>
    public DateOnly? Since { get; init; }

    /// <summary>Ingest: stop after this many records (the watermark then only moves as far as what was read allows).</summary>
    public int? MaxRecords { get; init; }

    /// <summary>Ingest: rows per bronze commit; push: records per API batch. Null = configured default.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Compute and report, write nothing (compute-deltas, push).</summary>
    public bool DryRun { get; init; }

    /// <summary>Optimize: compact a table once this many of its files are compactable; null = lake.optimize_after_files.</summary>
    public int? OptimizeMinFiles { get; init; }

    /// <summary>The run id shared by the stages of one <c>crmsync run</c>; null = a new one per stage.</summary>
    public string? RunId { get; init; }
}
