using System.Buffers;
using System.Text.Json.Nodes;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Parquet;

/// <summary>A primitive column: converts each value to its Arrow form and tracks file-level statistics (min, max, null count).</summary>
internal abstract class ScalarColumnBuilder : ColumnBuilder
{
    public long NullCount { get; protected set; }

    /// <summary>Min and max as Delta stats JSON, or null when the type has no min/max stats, they were not collected,
    /// or no non-null (orderable) value was seen.</summary>
    public abstract (JsonNode Min, JsonNode Max)? Bounds();

    public static ScalarColumnBuilder ForType(DataType type, bool collectStats, ArrayPool<byte> pool)
    {
        if (type is DecimalType d)
            return new FixedWidthColumnBuilder<Int128, DecimalValues>(new DecimalValues(d), collectStats, pool);
        var p = (PrimitiveType)type;
        if (p == PrimitiveType.String)
            return new StringColumnBuilder(collectStats, pool);
        if (p == PrimitiveType.Long)
            return new FixedWidthColumnBuilder<long, LongValues>(default, collectStats, pool);
        if (p == PrimitiveType.Integer)
            return new FixedWidthColumnBuilder<int, IntValues>(default, collectStats, pool);
        if (p == PrimitiveType.Short)
            return new FixedWidthColumnBuilder<short, ShortValues>(default, collectStats, pool);
        if (p == PrimitiveType.Byte)
            return new FixedWidthColumnBuilder<sbyte, ByteValues>(default, collectStats, pool);
        if (p == PrimitiveType.Float)
            return new FixedWidthColumnBuilder<float, FloatValues>(default, collectStats, pool);
        if (p == PrimitiveType.Double)
            return new FixedWidthColumnBuilder<double, DoubleValues>(default, collectStats, pool);
        if (p == PrimitiveType.Boolean)
            return new BooleanColumnBuilder(pool);
        if (p == PrimitiveType.Binary)
            return new BinaryColumnBuilder(pool);
        if (p == PrimitiveType.Date)
            return new FixedWidthColumnBuilder<int, DateValues>(default, collectStats, pool);
        if (p == PrimitiveType.Timestamp)
            return new FixedWidthColumnBuilder<long, TimestampValues>(default, collectStats, pool);
        if (p == PrimitiveType.TimestampNtz)
            return new FixedWidthColumnBuilder<long, TimestampNtzValues>(default, collectStats, pool);
        throw new ArgumentException($"Unsupported type {type}.", nameof(type));
    }
}
