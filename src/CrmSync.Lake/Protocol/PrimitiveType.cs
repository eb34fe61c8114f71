namespace CrmSync.Lake.Protocol;

/// <summary>
/// The fixed set of Delta primitive types. Row values (see <see cref="Row"/>): string → string, long → long,
/// integer → int, short → short, byte → sbyte, float → float, double → double, boolean → bool, binary → byte[],
/// date → DateOnly, timestamp → DateTimeOffset (UTC, microsecond precision), timestamp_ntz → DateTime (Kind Unspecified).
/// </summary>
public sealed class PrimitiveType : DataType
{
    public static readonly PrimitiveType String = new("string");
    public static readonly PrimitiveType Long = new("long");
    public static readonly PrimitiveType Integer = new("integer");
    public static readonly PrimitiveType Short = new("short");
    public static readonly PrimitiveType Byte = new("byte");
    public static readonly PrimitiveType Float = new("float");
    public static readonly PrimitiveType Double = new("double");
    public static readonly PrimitiveType Boolean = new("boolean");
    public static readonly PrimitiveType Binary = new("binary");
    public static readonly PrimitiveType Date = new("date");
    public static readonly PrimitiveType Timestamp = new("timestamp");
    public static readonly PrimitiveType TimestampNtz = new("timestamp_ntz");

    private static readonly PrimitiveType[] All =
        [String, Long, Integer, Short, Byte, Float, Double, Boolean, Binary, Date, Timestamp, TimestampNtz];

    private PrimitiveType(string name) => Name = name;

    public string Name { get; }

    public override string SimpleString => Name;

    public override bool Equals(DataType? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    /// <summary>Returns the primitive named <paramref name="name"/>, or null when it is not a primitive name.</summary>
    public static PrimitiveType? TryParse(string name) => Array.Find(All, p => p.Name == name);
}
