using CrmSync.Core.Configuration;
using CrmSync.Lake;

namespace CrmSync.Pipeline.Catalog;

/// <summary>The Lake options the pipeline writes tables with, from sources.yaml's lake section.</summary>
internal static class LakeTableOptions
{
    public static DeltaTableOptions For(SourcesConfig sources, TimeProvider clock) => new() { Clock = clock, Compression = Codec(sources.Compression) };

    public static DataFileCompression Codec(LakeFileCodec codec) => codec switch
    {
        LakeFileCodec.Snappy => DataFileCompression.Snappy,
        LakeFileCodec.Lz4Raw => DataFileCompression.Lz4Raw,
        LakeFileCodec.Uncompressed => DataFileCompression.Uncompressed,
        _ => DataFileCompression.Zstd,
    };
}
