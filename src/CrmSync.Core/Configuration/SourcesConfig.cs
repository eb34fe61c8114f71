namespace CrmSync.Core.Configuration;

/// <summary>The parsed sources.yaml with environment overrides applied.</summary>
/// <param name="LakeRoot">Root folder or URI of the Delta tables.</param>
/// <param name="KeyVaultUri">Where keyvault: secret references are fetched from; null when none are used.</param>
public sealed record SourcesConfig(
    string LakeRoot,
    Uri? KeyVaultUri,
    HubSpotSettings HubSpot,
    DynamicsSettings Dynamics,
    RetryPolicy Retry,
    PushSettings Push,
    CrosswalkSettings Crosswalk)
{
    /// <summary>lake.deletion_vectors: merged tables mark replaced rows in a deletion vector instead of rewriting their
    /// files (a merge then costs what it changes). Readers need Delta 2.3+ / Databricks Runtime 12.2+; false for older ones.</summary>
    public bool DeletionVectors { get; init; } = true;

    /// <summary>lake.partition_rows: unify, scd2 and compute-deltas work through about this many records at a time
    /// (people partitioned by a hash of their email), and push reads its rows in pages of this many, so memory stays
    /// bounded whatever the size of a run.</summary>
    public int PartitionRows { get; init; } = DefaultPartitionRows;

    public const int DefaultPartitionRows = 50_000;

    /// <summary>lake.compression: the codec of the data files written from now on (files already written keep theirs).</summary>
    public LakeFileCodec Compression { get; init; } = LakeFileCodec.Zstd;

    /// <summary>lake.optimize_after_files: the optimize stage (last of `crmsync run`) compacts a table once this many of its
    /// files are compactable (small, or with many deleted rows), or once they hide 5% of its rows; 0 = only when
    /// `crmsync optimize --min-files` asks.</summary>
    public int OptimizeAfterFiles { get; init; } = DefaultOptimizeAfterFiles;

    public const int DefaultOptimizeAfterFiles = 20;
}
