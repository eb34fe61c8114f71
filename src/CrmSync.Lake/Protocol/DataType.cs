namespace CrmSync.Lake.Protocol;

/// <summary>A Delta column type: primitive, decimal, array, map or struct (Spark's type system).</summary>
public abstract class DataType : IEquatable<DataType>
{
    /// <summary>Spark's simple name, e.g. <c>long</c>, <c>decimal(10,2)</c>, <c>array&lt;int&gt;</c>.</summary>
    public abstract string SimpleString { get; }

    public abstract bool Equals(DataType? other);

    public override bool Equals(object? obj) => obj is DataType other && Equals(other);

    public override int GetHashCode() => SimpleString.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => SimpleString;
}
