using System.Data.SqlTypes;
using System.Globalization;

namespace CrmSync.Lake.Protocol;

/// <summary>
/// Partition values are strings in <c>add.partitionValues</c> (null = null; Spark also treats "" as null).
/// Timestamps without a zone ("2021-09-08 11:11:11") are read as UTC, as Delta Kernel does.
/// </summary>
public static class PartitionValueCodec
{
    public const string HiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

    public static object? Parse(string? text, DataType type, string column)
    {
        if (text is null || text.Length == 0)
            return null;
        try
        {
            return type switch
            {
                PrimitiveType p when p == PrimitiveType.String => text,
                PrimitiveType p when p == PrimitiveType.Long => long.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveType p when p == PrimitiveType.Integer => int.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveType p when p == PrimitiveType.Short => short.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveType p when p == PrimitiveType.Byte => sbyte.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveType p when p == PrimitiveType.Float => float.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveType p when p == PrimitiveType.Double => double.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveType p when p == PrimitiveType.Boolean => bool.Parse(text),
                PrimitiveType p when p == PrimitiveType.Binary => System.Text.Encoding.UTF8.GetBytes(text),
                PrimitiveType p when p == PrimitiveType.Date => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                PrimitiveType p when p == PrimitiveType.Timestamp => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal).ToUniversalTime(),
                PrimitiveType p when p == PrimitiveType.TimestampNtz => DateTime.SpecifyKind(
                    DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None), DateTimeKind.Unspecified),
                DecimalType d => SqlDecimal.ConvertToPrecScale(SqlDecimal.Parse(text), d.Precision, d.Scale),
                _ => throw new FormatException($"type {type.SimpleString} cannot be a partition column"),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException or SqlTypeException)
        {
            throw new DeltaSchemaException($"Partition value '{text}' of column '{column}' is not a valid {type.SimpleString}: {e.Message}", e);
        }
    }

    /// <summary>The log form of a partition value (null stays null).</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        SqlDecimal d => d.ToString(),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        byte[] b => System.Text.Encoding.UTF8.GetString(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
