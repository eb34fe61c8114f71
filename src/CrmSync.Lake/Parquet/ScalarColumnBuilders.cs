using System.Data.SqlTypes;
using System.Globalization;
using System.Text.Json.Nodes;
using Apache.Arrow;
using Apache.Arrow.Types;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Parquet;

/// <summary>The <see cref="ScalarColumnBuilder"/> for each Delta primitive and decimal type.</summary>
internal static class ScalarColumnBuilders
{
    public static ScalarColumnBuilder Create(DataType type)
    {
        if (type is DecimalType d)
        {
            var arrowType = new Decimal128Type(d.Precision, d.Scale);
            return new ScalarColumnBuilder<SqlDecimal, Decimal128Array.Builder>(
                () => new Decimal128Array.Builder(arrowType), v => ValueCoercion.ToDecimal(v, d), (b, v) => b.Append(v),
                b => b.AppendNull(), b => b.Build(), Comparer<SqlDecimal>.Create((x, y) => x.CompareTo(y)),
                v => StatsFormat.Number(v.ToString()), v => StatsFormat.Number(v.ToString()));
        }

        var p = (PrimitiveType)type;
        if (p == PrimitiveType.String)
            return new ScalarColumnBuilder<string, StringArray.Builder>(
                () => new StringArray.Builder(), ValueCoercion.ToString, (b, v) => b.Append(v), b => b.AppendNull(), b => b.Build(),
                CodePointComparer.Instance, StatsFormat.MinString, StatsFormat.MaxString);
        if (p == PrimitiveType.Long)
            return Integral<long, Int64Array.Builder>(ValueCoercion.ToLong, (b, v) => b.Append(v), b => b.AppendNull(), b => b.Build());
        if (p == PrimitiveType.Integer)
            return Integral<int, Int32Array.Builder>(ValueCoercion.ToInt, (b, v) => b.Append(v), b => b.AppendNull(), b => b.Build());
        if (p == PrimitiveType.Short)
            return Integral<short, Int16Array.Builder>(ValueCoercion.ToShort, (b, v) => b.Append(v), b => b.AppendNull(), b => b.Build());
        if (p == PrimitiveType.Byte)
            return Integral<sbyte, Int8Array.Builder>(ValueCoercion.ToByte, (b, v) => b.Append(v), b => b.AppendNull(), b => b.Build());
        if (p == PrimitiveType.Float)
            return new ScalarColumnBuilder<float, FloatArray.Builder>(
                () => new FloatArray.Builder(), ValueCoercion.ToFloat, (b, v) => b.Append(v), b => b.AppendNull(), b => b.Build(),
                Comparer<float>.Default, v => Json(v), v => Json(v), v => !float.IsFinite(v));
        if (p == PrimitiveType.Double)
            return new ScalarColumnBuilder<double, DoubleArray.Builder>(
                () => new DoubleArray.Builder(), ValueCoercion.ToDouble, (b, v) => b.Append(v), b => b.AppendNull(), b => b.Build(),
                Comparer<double>.Default, v => Json(v), v => Json(v), v => !double.IsFinite(v));
        if (p == PrimitiveType.Boolean)
            return new ScalarColumnBuilder<bool, BooleanArray.Builder>(
                () => new BooleanArray.Builder(), ValueCoercion.ToBool, (b, v) => b.Append(v), b => b.AppendNull(), b => b.Build(),
                null, null, null);
        if (p == PrimitiveType.Binary)
            return new ScalarColumnBuilder<byte[], BinaryArray.Builder>(
                () => new BinaryArray.Builder(), ValueCoercion.ToBinary, (b, v) => b.Append((ReadOnlySpan<byte>)v), b => b.AppendNull(),
                b => b.Build(), null, null, null);
        if (p == PrimitiveType.Date)
            return new ScalarColumnBuilder<DateOnly, Date32Array.Builder>(
                () => new Date32Array.Builder(), ValueCoercion.ToDate, (b, v) => b.Append(v), b => b.AppendNull(), b => b.Build(),
                Comparer<DateOnly>.Default, StatsFormat.Date, StatsFormat.Date);
        if (p == PrimitiveType.Timestamp)
        {
            var arrowType = (TimestampType)ArrowSchemaMapper.ToArrowType(p);
            return new ScalarColumnBuilder<DateTimeOffset, TimestampArray.Builder>(
                () => new TimestampArray.Builder(arrowType), ValueCoercion.ToTimestamp, (b, v) => b.Append(v), b => b.AppendNull(),
                b => b.Build(), Comparer<DateTimeOffset>.Default, StatsFormat.MinTimestamp, StatsFormat.MaxTimestamp);
        }

        if (p == PrimitiveType.TimestampNtz)
        {
            var arrowType = (TimestampType)ArrowSchemaMapper.ToArrowType(p);
            return new ScalarColumnBuilder<DateTime, TimestampArray.Builder>(
                () => new TimestampArray.Builder(arrowType), ValueCoercion.ToTimestampNtz,
                (b, v) => b.Append(new DateTimeOffset(v.Ticks, TimeSpan.Zero)), b => b.AppendNull(), b => b.Build(),
                Comparer<DateTime>.Default, StatsFormat.MinTimestampNtz, StatsFormat.MaxTimestampNtz);
        }

        throw new ArgumentException($"Unsupported type {type}.", nameof(type));
    }

    private static ScalarColumnBuilder<T, TBuilder> Integral<T, TBuilder>(
        Func<object, T> coerce, Action<TBuilder, T> append, Action<TBuilder> appendNull, Func<TBuilder, IArrowArray> build)
        where T : struct, IFormattable
        where TBuilder : new() =>
        new(() => new TBuilder(), coerce, append, appendNull, build, Comparer<T>.Default, v => Json(v), v => Json(v));

    private static JsonNode Json<T>(T v) where T : IFormattable =>
        StatsFormat.Number(v.ToString(typeof(T) == typeof(float) || typeof(T) == typeof(double) ? "R" : null, CultureInfo.InvariantCulture));
}
