namespace CrmSync.Cli.Bench;

/// <summary>One measured step of `crmsync bench lake`, each run in its own process so peaks are its own.</summary>
public enum BenchPhase
{
    /// <summary>Only generating the rows DeltaWrite writes: the part of that phase that is the benchmark's, not the Lake's.</summary>
    RowGeneration,

    /// <summary>Only generating the rows DeltaWriteNested writes.</summary>
    RowGenerationNested,
    DeltaWrite,

    /// <summary>A write of snapshot-shaped rows: the contact columns plus two maps and an array per row.</summary>
    DeltaWriteNested,
    DeltaRead,
    DeltaMergeClustered,
    DeltaMergeSpread,

    /// <summary>The spread merge again after EnableDeletionVectorsAsync: touched files get a deletion vector instead of
    /// being rewritten.</summary>
    DeltaMergeSpreadDeletionVectors,
    ParquetSharpFloor,
    ParquetNetFloor,
}
