namespace CrmSync.Core.Configuration;

/// <summary>lake.compression: the codec of the Delta data files the stages write (readers decompress every page they
/// pass, so it sets much of a lookup's cost). Which readers can open each codec: docs/databricks.md.</summary>
public enum LakeFileCodec
{
    /// <summary>zstd: the default; smaller than Snappy and faster to read; Spark 3.x, every Databricks Runtime, DuckDB.</summary>
    Zstd,

    /// <summary>snappy: Spark's own default.</summary>
    Snappy,

    /// <summary>lz4_raw: fastest to read; needs Spark 3.5+ / Databricks Runtime 14+.</summary>
    Lz4Raw,

    /// <summary>uncompressed: cheapest to read, about 2.6 times the bytes.</summary>
    Uncompressed,
}
