namespace CrmSync.Lake.Protocol;

/// <summary>The <c>metaData</c> action: table id, schema, partition columns and configuration.</summary>
public sealed record MetadataAction(
    string Id,
    string? Name,
    string? Description,
    string SchemaString,
    IReadOnlyList<string> PartitionColumns,
    IReadOnlyDictionary<string, string?> Configuration,
    long? CreatedTime,
    string FormatProvider = "parquet") : DeltaAction
{
    private StructType? _schema;

    /// <summary>The parsed <see cref="SchemaString"/>.</summary>
    public StructType Schema => _schema ??= SchemaJson.Parse(SchemaString);
}
