using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Log;

/// <summary>The checkpoint Parquet layout Spark reads and writes: one nullable struct column per action kind.</summary>
internal static class CheckpointSchema
{
    private static readonly MapType StringMap = new(PrimitiveType.String, PrimitiveType.String, valueContainsNull: true);

    public static readonly StructType DeletionVector = new(
        new StructField("storageType", PrimitiveType.String),
        new StructField("pathOrInlineDv", PrimitiveType.String),
        new StructField("offset", PrimitiveType.Integer),
        new StructField("sizeInBytes", PrimitiveType.Integer),
        new StructField("cardinality", PrimitiveType.Long));

    public static readonly StructType Txn = new(
        new StructField("appId", PrimitiveType.String),
        new StructField("version", PrimitiveType.Long),
        new StructField("lastUpdated", PrimitiveType.Long));

    public static readonly StructType Add = new(
        new StructField("path", PrimitiveType.String),
        new StructField("partitionValues", StringMap),
        new StructField("size", PrimitiveType.Long),
        new StructField("modificationTime", PrimitiveType.Long),
        new StructField("dataChange", PrimitiveType.Boolean),
        new StructField("tags", StringMap),
        new StructField("deletionVector", DeletionVector),
        new StructField("stats", PrimitiveType.String));

    public static readonly StructType Remove = new(
        new StructField("path", PrimitiveType.String),
        new StructField("deletionTimestamp", PrimitiveType.Long),
        new StructField("dataChange", PrimitiveType.Boolean),
        new StructField("extendedFileMetadata", PrimitiveType.Boolean),
        new StructField("partitionValues", StringMap),
        new StructField("size", PrimitiveType.Long),
        new StructField("deletionVector", DeletionVector));

    public static readonly StructType Format = new(
        new StructField("provider", PrimitiveType.String),
        new StructField("options", StringMap));

    public static readonly StructType Metadata = new(
        new StructField("id", PrimitiveType.String),
        new StructField("name", PrimitiveType.String),
        new StructField("description", PrimitiveType.String),
        new StructField("format", Format),
        new StructField("schemaString", PrimitiveType.String),
        new StructField("partitionColumns", new ArrayType(PrimitiveType.String)),
        new StructField("configuration", StringMap),
        new StructField("createdTime", PrimitiveType.Long));

    public static readonly StructType Protocol = new(
        new StructField("minReaderVersion", PrimitiveType.Integer),
        new StructField("minWriterVersion", PrimitiveType.Integer),
        new StructField("readerFeatures", new ArrayType(PrimitiveType.String)),
        new StructField("writerFeatures", new ArrayType(PrimitiveType.String)));

    public static readonly StructType Schema = new(
        new StructField("txn", Txn),
        new StructField("add", Add),
        new StructField("remove", Remove),
        new StructField("metaData", Metadata),
        new StructField("protocol", Protocol));
}
