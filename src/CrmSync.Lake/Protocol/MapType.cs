namespace CrmSync.Lake.Protocol;

/// <summary>map&lt;K,V&gt;. Row value: IReadOnlyList&lt;KeyValuePair&lt;object, object?&gt;&gt; in stored order
/// (any IDictionary is accepted on write).</summary>
public sealed class MapType(DataType keyType, DataType valueType, bool valueContainsNull = true) : DataType
{
    public DataType KeyType { get; } = keyType ?? throw new ArgumentNullException(nameof(keyType));

    public DataType ValueType { get; } = valueType ?? throw new ArgumentNullException(nameof(valueType));

    public bool ValueContainsNull { get; } = valueContainsNull;

    public override string SimpleString => $"map<{KeyType.SimpleString},{ValueType.SimpleString}>";

    public override bool Equals(DataType? other) =>
        other is MapType m && m.ValueContainsNull == ValueContainsNull && m.KeyType.Equals(KeyType) && m.ValueType.Equals(ValueType);

    public override int GetHashCode() => HashCode.Combine(KeyType, ValueType, ValueContainsNull);
}
