using CrmSync.Lake.Protocol;

namespace CrmSync.Lake;

/// <summary>
/// One record of a <see cref="StructType"/>, by ordinal or by column name (case-insensitive).
/// Value conventions per Delta type: string → string, long → long, integer → int, short → short, byte → sbyte,
/// float → float, double → double, decimal(p,s) → System.Data.SqlTypes.SqlDecimal (38 digits; System.Decimal is
/// accepted on write), boolean → bool, binary → byte[], date → DateOnly, timestamp → DateTimeOffset (UTC,
/// microseconds), timestamp_ntz → DateTime (Kind Unspecified), struct → Row, array → IReadOnlyList&lt;object?&gt;,
/// map → IReadOnlyList&lt;KeyValuePair&lt;object, object?&gt;&gt;; null is null.
/// </summary>
public sealed class Row
{
    private readonly object?[] _values;

    /// <summary>Wraps <paramref name="values"/> (not copied) in schema order. Values are not validated here; writes validate.</summary>
    public Row(StructType schema, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != schema.Count)
            throw new ArgumentException($"Row has {values.Length} values but the schema has {schema.Count} columns.", nameof(values));
        Schema = schema;
        _values = values;
    }

    public StructType Schema { get; }

    public int Count => _values.Length;

    public object? this[int ordinal] => _values[ordinal];

    public object? this[string name] => _values[Schema.IndexOf(name)];

    /// <summary>The value converted to <typeparamref name="T"/> (null stays default).</summary>
    public T? Get<T>(string name) => _values[Schema.IndexOf(name)] is T t ? t : default;

    /// <summary>Builds a row from column values by name; absent columns are null; an unknown name throws naming it.</summary>
    public static Row FromDictionary(StructType schema, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        var array = new object?[schema.Count];
        foreach (var (name, value) in values)
            array[schema.IndexOf(name)] = value;
        return new Row(schema, array);
    }

    /// <summary>Builds a row from values in schema order.</summary>
    public static Row Of(StructType schema, params object?[] values) => new(schema, (object?[])values.Clone());

    /// <summary>A copy of the values in schema order.</summary>
    public object?[] ToArray() => (object?[])_values.Clone();

    internal object?[] Values => _values;

    public override string ToString() =>
        "{" + string.Join(", ", Schema.Fields.Select((f, i) => $"{f.Name}={ValueText.Render(_values[i])}")) + "}";
}
