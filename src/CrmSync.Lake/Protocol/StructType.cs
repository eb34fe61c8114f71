namespace CrmSync.Lake.Protocol;

/// <summary>An ordered set of fields: the table schema and struct columns. Row value: <see cref="Row"/>.</summary>
public sealed class StructType : DataType
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.OrdinalIgnoreCase);

    // Callers nearly always spell a name as the schema does: an exact-case probe first hashes a few times faster
    // than the case-insensitive one, and stages look columns up by name for every row they map.
    private readonly Dictionary<string, int> _exactOrdinals = new(StringComparer.Ordinal);

    public StructType(IEnumerable<StructField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = [.. fields];
        for (var i = 0; i < Fields.Count; i++)
        {
            // Spark column names are unique ignoring case.
            if (!_ordinals.TryAdd(Fields[i].Name, i))
                throw new ArgumentException($"Duplicate column name '{Fields[i].Name}' (names are unique ignoring case).", nameof(fields));
            _exactOrdinals[Fields[i].Name] = i;
        }
    }

    public StructType(params StructField[] fields) : this((IEnumerable<StructField>)fields)
    {
    }

    public IReadOnlyList<StructField> Fields { get; }

    public int Count => Fields.Count;

    public StructField this[int ordinal] => Fields[ordinal];

    public StructField this[string name] => Fields[IndexOf(name)];

    public override string SimpleString => $"struct<{string.Join(",", Fields.Select(f => $"{f.Name}:{f.Type.SimpleString}"))}>";

    /// <summary>Ordinal of a column (case-insensitive), or -1.</summary>
    public int TryIndexOf(string name) => _exactOrdinals.TryGetValue(name, out var i) || _ordinals.TryGetValue(name, out i) ? i : -1;

    /// <summary>Ordinal of a column (case-insensitive); throws naming the column and the known columns when absent.</summary>
    public int IndexOf(string name)
    {
        var i = TryIndexOf(name);
        return i >= 0 ? i : throw new ArgumentException(
            $"Column '{name}' is not in the schema (columns: {string.Join(", ", Fields.Select(f => f.Name))}).", nameof(name));
    }

    public override bool Equals(DataType? other) =>
        other is StructType s && s.Fields.Count == Fields.Count && s.Fields.SequenceEqual(Fields);

    public override int GetHashCode() => HashCode.Combine(Fields.Count, Fields.Count > 0 ? Fields[0] : null);
}
