namespace CrmSync.Cli.Bench;

/// <summary>One measured step of `crmsync bench lake`, each run in its own process so peaks are its own.</summary>
public enum BenchPhase
{
    DeltaWrite,
    DeltaRead,
    DeltaMergeClustered,
    DeltaMergeSpread,
    ParquetSharpFloor,
    ParquetNetFloor,
}
