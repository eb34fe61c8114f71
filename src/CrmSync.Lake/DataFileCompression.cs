namespace CrmSync.Lake;

/// <summary>
/// The codec of the data files a table writes. Every reader decompresses each page it passes, so the codec sets much of
/// what a key lookup costs: on 1M snapshot-shaped rows, a 0.1% lookup spends about a third of its CPU in Snappy
/// (docs/benchmarks.md, SpreadKeysLookupNested). A table's key-indexed string columns, which every lookup and merge
/// decodes whole, are written without it.
/// </summary>
public enum DataFileCompression
{
    /// <summary>Zstandard (level 1): the default. About a quarter smaller than Snappy and faster to read here; read by
    /// Spark 3.x, every Databricks Runtime, DuckDB and delta-rs.</summary>
    Zstd,

    /// <summary>Snappy: Spark's own default, for readers that know no other codec.</summary>
    Snappy,

    /// <summary>LZ4_RAW: the fastest to read of the compressed codecs, the size of Snappy. Needs Parquet 1.13+ readers:
    /// Spark 3.5+ / Databricks Runtime 14+ (older Spark cannot read these files).</summary>
    Lz4Raw,

    /// <summary>No compression: cheapest to read, about 2.6 times the bytes of Snappy.</summary>
    Uncompressed,
}
