namespace CrmSync.Lake.Protocol;

/// <summary>array&lt;T&gt;. Row value: IReadOnlyList&lt;object?&gt;.</summary>
public sealed class ArrayType(DataType elementType, bool containsNull = true) : DataType
{
    public DataType ElementType { get; } = elementType ?? throw new ArgumentNullException(nameof(elementType));

    public bool ContainsNull { get; } = containsNull;

    public override string SimpleString => $"array<{ElementType.SimpleString}>";

    public override bool Equals(DataType? other) =>
        other is ArrayType a && a.ContainsNull == ContainsNull && a.ElementType.Equals(ElementType);

    public override int GetHashCode() => HashCode.Combine(ElementType, ContainsNull);
}
