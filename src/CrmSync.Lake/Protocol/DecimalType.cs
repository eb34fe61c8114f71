using System.Globalization;

namespace CrmSync.Lake.Protocol;

/// <summary>decimal(p,s), precision 1..38. Row value: <see cref="System.Data.SqlTypes.SqlDecimal"/> (holds 38 digits;
/// System.Decimal is also accepted on write when it fits).</summary>
public sealed class DecimalType : DataType
{
    public const int MaxPrecision = 38;

    public DecimalType(int precision, int scale)
    {
        if (precision is < 1 or > MaxPrecision)
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "Decimal precision must be 1..38.");
        if (scale < 0 || scale > precision)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Decimal scale must be 0..precision.");
        Precision = precision;
        Scale = scale;
    }

    public int Precision { get; }

    public int Scale { get; }

    public override string SimpleString => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision},{Scale})");

    public override bool Equals(DataType? other) =>
        other is DecimalType d && d.Precision == Precision && d.Scale == Scale;

    public override int GetHashCode() => HashCode.Combine(Precision, Scale);
}
