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
    /// <summary>1M contacts in a scrambled order into 20 files (random keys per file), no key index.</summary>
    RandomKeysWrite,

    /// <summary>The same with a key index on contact_id: the write's cost of the filters.</summary>
    RandomKeysWriteIndexed,

    /// <summary>Merge of 200 keys (100 held by one file, 100 new) into the table without a key index.</summary>
    RandomKeysMerge,
    RandomKeysMergeIndexed,

    /// <summary>IN lookup of 200 keys (100 held by one file, 100 absent) in the table without a key index.</summary>
    RandomKeysLookup,
    RandomKeysLookupIndexed,

    /// <summary>IN lookup of 0.1% of the rows of the RandomKeysWrite table, spread over every file, whole rows returned.</summary>
    SpreadKeysLookup,

    /// <summary>Merge (update) of the same 0.1% of the rows.</summary>
    SpreadKeysMerge,

    /// <summary>IN lookup of 0.1% of the rows of the DeltaWriteNested table (two maps and an array per row), spread over
    /// every row group, whole rows returned: what a stage's lookup in a silver table costs.</summary>
    SpreadKeysLookupNested,
    /// <summary>1M contacts in 80 files with deletion vectors and a key index, then 20 merges of 0.1% spread keys: a table
    /// as incremental runs leave it.</summary>
    FragmentedWrite,

    /// <summary>The SpreadKeys lookup (0.1% of the rows, whole rows) on the fragmented table.</summary>
    FragmentedLookup,

    /// <summary>OPTIMIZE of the fragmented table (default target size).</summary>
    Optimize,

    /// <summary>The same lookup after OPTIMIZE.</summary>
    OptimizedLookup,
    ParquetSharpFloor,
    ParquetNetFloor,
}
