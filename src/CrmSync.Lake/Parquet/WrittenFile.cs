namespace CrmSync.Lake.Parquet;

/// <summary>A data file written (not yet committed): its key relative to the table, size, rows, stats JSON and partition values.</summary>
internal sealed record WrittenFile(
    string RelativePath,
    long Size,
    long NumRecords,
    string Stats,
    IReadOnlyDictionary<string, string?> PartitionValues);
