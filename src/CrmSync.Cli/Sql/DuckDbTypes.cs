using CrmSync.Lake.Protocol;

namespace CrmSync.Cli.Sql;

/// <summary>The DuckDB type that holds each Delta type, used to give every view its declared schema.</summary>
public static class DuckDbTypes
{
    public static string Of(DataType type) => type switch
    {
        PrimitiveType p when p == PrimitiveType.String => "VARCHAR",
        PrimitiveType p when p == PrimitiveType.Long => "BIGINT",
        PrimitiveType p when p == PrimitiveType.Integer => "INTEGER",
        PrimitiveType p when p == PrimitiveType.Short => "SMALLINT",
        PrimitiveType p when p == PrimitiveType.Byte => "TINYINT",
        PrimitiveType p when p == PrimitiveType.Float => "FLOAT",
        PrimitiveType p when p == PrimitiveType.Double => "DOUBLE",
        PrimitiveType p when p == PrimitiveType.Boolean => "BOOLEAN",
        PrimitiveType p when p == PrimitiveType.Binary => "BLOB",
        PrimitiveType p when p == PrimitiveType.Date => "DATE",
        PrimitiveType p when p == PrimitiveType.Timestamp => "TIMESTAMPTZ",
        PrimitiveType p when p == PrimitiveType.TimestampNtz => "TIMESTAMP",
        DecimalType d => $"DECIMAL({d.Precision},{d.Scale})",
        ArrayType a => $"{Of(a.ElementType)}[]",
        MapType m => $"MAP({Of(m.KeyType)}, {Of(m.ValueType)})",
        StructType s => $"STRUCT({string.Join(", ", s.Fields.Select(f => $"{SqlText.Identifier(f.Name)} {Of(f.Type)}"))})",
        _ => throw new NotSupportedException($"Delta type '{type.SimpleString}' has no DuckDB equivalent"),
    };
}
