using System.Data.SqlTypes;
using CrmSync.Lake.Parquet;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Expressions;

/// <summary>Orders two non-null values of the same Delta type (literals are converted to the column type first).</summary>
internal static class ValueComparer
{
    public static int Compare(object a, object b) => (a, b) switch
    {
        (string x, string y) => CodePointComparer.Instance.Compare(x, y),
        (long x, long y) => x.CompareTo(y),
        (int x, int y) => x.CompareTo(y),
        (short x, short y) => x.CompareTo(y),
        (sbyte x, sbyte y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        (float x, float y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        (DateOnly x, DateOnly y) => x.CompareTo(y),
        (DateTimeOffset x, DateTimeOffset y) => x.UtcTicks.CompareTo(y.UtcTicks),
        (DateTime x, DateTime y) => x.Ticks.CompareTo(y.Ticks),
        (SqlDecimal x, SqlDecimal y) => x.CompareTo(y),
        (byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y),
        _ => throw new ArgumentException($"Cannot compare {a.GetType().Name} with {b.GetType().Name}."),
    };

    /// <summary>Converts a literal to the CLR form of the column type (throws naming the column when impossible).</summary>
    public static object ToColumnType(object literal, DataType type, string column)
    {
        try
        {
            return type switch
            {
                DecimalType d => ValueCoercion.ToDecimal(literal, new DecimalType(DecimalType.MaxPrecision, d.Scale)),
                PrimitiveType p when p == PrimitiveType.String => ValueCoercion.ToString(literal),
                PrimitiveType p when p == PrimitiveType.Long => ValueCoercion.ToLong(literal),
                PrimitiveType p when p == PrimitiveType.Integer => ValueCoercion.ToInt(literal),
                PrimitiveType p when p == PrimitiveType.Short => ValueCoercion.ToShort(literal),
                PrimitiveType p when p == PrimitiveType.Byte => ValueCoercion.ToByte(literal),
                PrimitiveType p when p == PrimitiveType.Float => ValueCoercion.ToFloat(literal),
                PrimitiveType p when p == PrimitiveType.Double => ValueCoercion.ToDouble(literal),
                PrimitiveType p when p == PrimitiveType.Boolean => ValueCoercion.ToBool(literal),
                PrimitiveType p when p == PrimitiveType.Binary => ValueCoercion.ToBinary(literal),
                PrimitiveType p when p == PrimitiveType.Date => ValueCoercion.ToDate(literal),
                PrimitiveType p when p == PrimitiveType.Timestamp => ValueCoercion.ToTimestamp(literal),
                PrimitiveType p when p == PrimitiveType.TimestampNtz => ValueCoercion.ToTimestampNtz(literal),
                _ => throw new InvalidCastException($"predicates on {type.SimpleString} columns are not supported"),
            };
        }
        catch (InvalidCastException e)
        {
            throw new ArgumentException($"Predicate literal for column '{column}' ({type.SimpleString}): {e.Message}.", nameof(literal), e);
        }
    }
}
