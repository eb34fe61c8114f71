namespace CrmSync.Lake.Protocol;

/// <summary>
/// What this engine can read and write. Anything else is refused with <see cref="UnsupportedTableFeatureException"/>
/// naming the feature, so a table is never misread.
/// </summary>
public static class TableFeatures
{
    public const int MaxReaderVersion = 3;
    public const int MaxWriterVersion = 7;

    public const string TimestampNtz = "timestampNtz";
    public const string DeletionVectors = "deletionVectors";
    public const string ColumnMapping = "columnMapping";

    /// <summary>Table property that lets writers produce deletion vectors (when the protocol supports the feature).</summary>
    public const string EnableDeletionVectorsProperty = "delta.enableDeletionVectors";

    /// <summary>Writer features implied by writer version 2: listed when such a table moves to writer version 7.</summary>
    private static readonly string[] WriterVersion2Features = ["appendOnly", "invariants"];

    private static readonly HashSet<string> SupportedReaderFeatures = new(StringComparer.Ordinal) { TimestampNtz, DeletionVectors };

    /// <summary>Writer features whose rules this engine honours (or that only constrain other writers' optional behaviour).</summary>
    private static readonly HashSet<string> SupportedWriterFeatures = new(StringComparer.Ordinal)
    {
        TimestampNtz, DeletionVectors, "appendOnly", "invariants",
    };

    /// <summary>Throws when the table needs a reader capability this engine lacks.</summary>
    public static void EnsureReadable(ProtocolAction protocol, MetadataAction? metadata, string tablePath)
    {
        if (protocol.MinReaderVersion > MaxReaderVersion)
            throw new UnsupportedTableFeatureException(tablePath, $"readerVersion {protocol.MinReaderVersion}",
                $"reader version {protocol.MinReaderVersion} is beyond the supported {MaxReaderVersion}");
        if (protocol.MinReaderVersion == 3)
        {
            foreach (var feature in protocol.ReaderFeatures ?? [])
            {
                if (!SupportedReaderFeatures.Contains(feature))
                    throw new UnsupportedTableFeatureException(tablePath, feature, $"reader feature '{feature}' is not supported");
            }
        }

        var mode = ColumnMappingMode(metadata);
        if (mode is not null && mode != "none")
            throw new UnsupportedTableFeatureException(tablePath, ColumnMapping, $"column mapping mode '{mode}' is not supported");
    }

    /// <summary>Throws when writing would need a writer capability this engine lacks.</summary>
    public static void EnsureWritable(ProtocolAction protocol, MetadataAction? metadata, string tablePath)
    {
        EnsureReadable(protocol, metadata, tablePath);
        if (protocol.MinWriterVersion > MaxWriterVersion)
            throw new UnsupportedTableFeatureException(tablePath, $"writerVersion {protocol.MinWriterVersion}",
                $"writer version {protocol.MinWriterVersion} is beyond the supported {MaxWriterVersion}");
        if (protocol.MinWriterVersion is > 2 and < 7)
            throw new UnsupportedTableFeatureException(tablePath, $"writerVersion {protocol.MinWriterVersion}",
                $"writer version {protocol.MinWriterVersion} implies features (check constraints, generated columns, ...) this engine does not enforce");
        if (protocol.MinWriterVersion == 7)
        {
            foreach (var feature in protocol.WriterFeatures ?? [])
            {
                if (!SupportedWriterFeatures.Contains(feature))
                    throw new UnsupportedTableFeatureException(tablePath, feature, $"writer feature '{feature}' is not supported");
            }
        }
    }

    /// <summary>The protocol a new table needs: reader 1 / writer 2, or 3/7 listing timestampNtz when the schema uses it
    /// and deletionVectors when <paramref name="configuration"/> enables them (as Spark does for a table property at create).</summary>
    public static ProtocolAction ProtocolFor(StructType schema, IReadOnlyDictionary<string, string?> configuration)
    {
        var features = new List<string>();
        if (UsesTimestampNtz(schema))
            features.Add(TimestampNtz);
        if (IsTrue(configuration, EnableDeletionVectorsProperty))
            features.Add(DeletionVectors);
        return features.Count == 0 ? ProtocolAction.Default : new ProtocolAction(3, 7, features, features);
    }

    /// <summary><paramref name="protocol"/> with deletionVectors supported: reader 3 / writer 7, keeping every feature the
    /// old versions implied (writer 2: appendOnly, invariants), since history may have used them.</summary>
    public static ProtocolAction WithDeletionVectors(ProtocolAction protocol)
    {
        if (SupportsDeletionVectors(protocol))
            return protocol;
        var readerFeatures = protocol.MinReaderVersion == 3 ? [.. protocol.ReaderFeatures ?? []] : new List<string>();
        var writerFeatures = protocol.MinWriterVersion == 7 ? [.. protocol.WriterFeatures ?? []]
            : protocol.MinWriterVersion == 2 ? [.. WriterVersion2Features] : new List<string>();
        readerFeatures.Add(DeletionVectors);
        writerFeatures.Add(DeletionVectors);
        return new ProtocolAction(3, 7, readerFeatures, writerFeatures);
    }

    /// <summary>True when the protocol lists deletionVectors (readers must then apply DVs).</summary>
    public static bool SupportsDeletionVectors(ProtocolAction protocol) =>
        protocol.MinWriterVersion == 7 && (protocol.WriterFeatures ?? []).Contains(DeletionVectors, StringComparer.Ordinal);

    /// <summary>Writers may write new deletion vectors only when the protocol supports them and the table property is true.</summary>
    public static bool DeletionVectorsEnabled(ProtocolAction protocol, MetadataAction metadata) =>
        SupportsDeletionVectors(protocol) && IsTrue(metadata.Configuration, EnableDeletionVectorsProperty);

    private static bool IsTrue(IReadOnlyDictionary<string, string?> configuration, string property) =>
        configuration.TryGetValue(property, out var value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static string? ColumnMappingMode(MetadataAction? metadata) =>
        metadata is not null && metadata.Configuration.TryGetValue("delta.columnMapping.mode", out var mode) ? mode : null;

    private static bool UsesTimestampNtz(DataType type) => type switch
    {
        PrimitiveType p => ReferenceEquals(p, PrimitiveType.TimestampNtz),
        ArrayType a => UsesTimestampNtz(a.ElementType),
        MapType m => UsesTimestampNtz(m.KeyType) || UsesTimestampNtz(m.ValueType),
        StructType s => s.Fields.Any(f => UsesTimestampNtz(f.Type)),
        _ => false,
    };
}
