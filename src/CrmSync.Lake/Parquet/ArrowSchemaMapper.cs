using Apache.Arrow;
using Apache.Arrow.Types;
using CrmSync.Lake.Protocol;
using ArrayType = CrmSync.Lake.Protocol.ArrayType;
using MapType = CrmSync.Lake.Protocol.MapType;
using StructType = CrmSync.Lake.Protocol.StructType;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// Delta types to the Arrow types ParquetSharp writes as Spark-readable Parquet: timestamp → INT64 TIMESTAMP(MICROS,
/// UTC-adjusted), timestamp_ntz → INT64 TIMESTAMP(MICROS, not adjusted), date → INT32 DATE, decimal → DECIMAL, lists and
/// maps in the standard 3-level layout.
/// </summary>
internal static class ArrowSchemaMapper
{
    public static Schema ToArrowSchema(StructType schema) =>
        new(schema.Fields.Select(ToArrowField), metadata: null);

    public static Field ToArrowField(StructField field) => new(field.Name, ToArrowType(field.Type), field.Nullable);

    public static IArrowType ToArrowType(DataType type) => type switch
    {
        PrimitiveType p when p == PrimitiveType.String => StringType.Default,
        PrimitiveType p when p == PrimitiveType.Long => Int64Type.Default,
        PrimitiveType p when p == PrimitiveType.Integer => Int32Type.Default,
        PrimitiveType p when p == PrimitiveType.Short => Int16Type.Default,
        PrimitiveType p when p == PrimitiveType.Byte => Int8Type.Default,
        PrimitiveType p when p == PrimitiveType.Float => FloatType.Default,
        PrimitiveType p when p == PrimitiveType.Double => DoubleType.Default,
        PrimitiveType p when p == PrimitiveType.Boolean => BooleanType.Default,
        PrimitiveType p when p == PrimitiveType.Binary => BinaryType.Default,
        PrimitiveType p when p == PrimitiveType.Date => Date32Type.Default,
        PrimitiveType p when p == PrimitiveType.Timestamp => new TimestampType(TimeUnit.Microsecond, "UTC"),
        PrimitiveType p when p == PrimitiveType.TimestampNtz => new TimestampType(TimeUnit.Microsecond, (string?)null),
        DecimalType d => new Decimal128Type(d.Precision, d.Scale),
        ArrayType a => new ListType(new Field("element", ToArrowType(a.ElementType), a.ContainsNull)),
        MapType m => new Apache.Arrow.Types.MapType(new Field("key", ToArrowType(m.KeyType), false),
            new Field("value", ToArrowType(m.ValueType), m.ValueContainsNull)),
        StructType s => new Apache.Arrow.Types.StructType(s.Fields.Select(ToArrowField).ToList()),
        _ => throw new ArgumentException($"Unsupported type {type}.", nameof(type)),
    };
}
