using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Log;

/// <summary>Converts between checkpoint rows (see <see cref="CheckpointSchema"/>) and actions.</summary>
internal static class CheckpointRows
{
    public static DeltaAction? ToAction(Row row)
    {
        if (row["add"] is Row add)
        {
            return new AddFile((string)add["path"]!, ToStringMap(add["partitionValues"]), (long)add["size"]!,
                add["modificationTime"] as long? ?? 0, add["dataChange"] as bool? ?? true, add["stats"] as string,
                add["tags"] is null ? null : ToStringMap(add["tags"]), ToDeletionVector(add["deletionVector"]));
        }

        if (row["remove"] is Row remove)
        {
            return new RemoveFile((string)remove["path"]!, remove["deletionTimestamp"] as long?, remove["dataChange"] as bool? ?? true,
                remove["extendedFileMetadata"] as bool?, remove["partitionValues"] is null ? null : ToStringMap(remove["partitionValues"]),
                remove["size"] as long?, ToDeletionVector(remove["deletionVector"]));
        }

        if (row["metaData"] is Row meta)
        {
            return new MetadataAction((string)meta["id"]!, meta["name"] as string, meta["description"] as string,
                (string)meta["schemaString"]!, ToStringList(meta["partitionColumns"]) ?? [], ToStringMap(meta["configuration"]),
                meta["createdTime"] as long?, (meta["format"] as Row)?["provider"] as string ?? "parquet");
        }

        if (row["protocol"] is Row protocol)
        {
            return new ProtocolAction((int)protocol["minReaderVersion"]!, (int)protocol["minWriterVersion"]!,
                ToStringList(protocol["readerFeatures"]), ToStringList(protocol["writerFeatures"]));
        }

        if (row["txn"] is Row txn)
            return new TransactionAction((string)txn["appId"]!, (long)txn["version"]!, txn["lastUpdated"] as long?);
        return null;
    }

    public static Row ToRow(DeltaAction action)
    {
        var values = new object?[CheckpointSchema.Schema.Count];
        switch (action)
        {
            case TransactionAction t:
                values[0] = Row.Of(CheckpointSchema.Txn, t.AppId, t.Version, t.LastUpdated);
                break;
            case AddFile a:
                values[1] = Row.Of(CheckpointSchema.Add, a.Path, FromStringMap(a.PartitionValues), a.Size, a.ModificationTime,
                    a.DataChange, a.Tags is null ? null : FromStringMap(a.Tags), FromDeletionVector(a.DeletionVector), a.Stats);
                break;
            case RemoveFile r:
                values[2] = Row.Of(CheckpointSchema.Remove, r.Path, r.DeletionTimestamp, r.DataChange, r.ExtendedFileMetadata,
                    r.PartitionValues is null ? null : FromStringMap(r.PartitionValues), r.Size, FromDeletionVector(r.DeletionVector));
                break;
            case MetadataAction m:
                values[3] = Row.Of(CheckpointSchema.Metadata, m.Id, m.Name, m.Description,
                    Row.Of(CheckpointSchema.Format, m.FormatProvider, new List<KeyValuePair<object, object?>>()),
                    m.SchemaString, m.PartitionColumns.Cast<object?>().ToList(), FromStringMap(m.Configuration), m.CreatedTime);
                break;
            case ProtocolAction p:
                values[4] = Row.Of(CheckpointSchema.Protocol, p.MinReaderVersion, p.MinWriterVersion,
                    p.ReaderFeatures?.Cast<object?>().ToList(), p.WriterFeatures?.Cast<object?>().ToList());
                break;
            default:
                throw new ArgumentException($"{action.GetType().Name} does not belong in a checkpoint.", nameof(action));
        }

        return new Row(CheckpointSchema.Schema, values);
    }

    /// <summary>A checkpoint's deletionVector struct (null when the file has none, or when an older checkpoint lacks the column).</summary>
    private static DeletionVectorDescriptor? ToDeletionVector(object? value) =>
        value is Row dv
            ? new DeletionVectorDescriptor((string)dv["storageType"]!, (string)dv["pathOrInlineDv"]!, dv["offset"] as int?,
                (int)dv["sizeInBytes"]!, (long)dv["cardinality"]!)
            : null;

    private static Row? FromDeletionVector(DeletionVectorDescriptor? dv) =>
        dv is null ? null : Row.Of(CheckpointSchema.DeletionVector, dv.StorageType, dv.PathOrInlineDv, dv.Offset, dv.SizeInBytes, dv.Cardinality);

    private static Dictionary<string, string?> ToStringMap(object? value)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (value is IEnumerable<KeyValuePair<object, object?>> pairs)
        {
            foreach (var (k, v) in pairs)
                map[(string)k] = v as string;
        }

        return map;
    }

    private static List<KeyValuePair<object, object?>> FromStringMap(IReadOnlyDictionary<string, string?> map) =>
        map.Select(kv => new KeyValuePair<object, object?>(kv.Key, kv.Value)).ToList();

    private static List<string>? ToStringList(object? value) =>
        value is IEnumerable<object?> items ? items.Select(i => (string)i!).ToList() : null;
}
