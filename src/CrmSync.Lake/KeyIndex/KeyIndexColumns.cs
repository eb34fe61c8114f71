using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.KeyIndex;

/// <summary>
/// Which columns of a table get a key filter per data file: the table property <see cref="Property"/>, a comma-separated
/// list of top-level string or integer columns (not partition columns: their files are skipped by value already). Delta
/// keeps unknown properties in metaData.configuration and Spark ignores them, so the table stays an ordinary Delta table.
/// </summary>
public static class KeyIndexColumns
{
    public const string Property = "crmsync.index.bloomFilterColumns";

    /// <summary>The property's value for these columns (the columns as the schema spells them).</summary>
    public static string Format(IEnumerable<string> columns) => string.Join(",", columns);

    /// <summary>The indexed columns of a snapshot, as the schema spells them. A hand-edited property naming a column that
    /// does not exist or cannot be indexed is ignored for that column rather than failing every write.</summary>
    internal static IReadOnlyList<string> Of(Snapshot snapshot) =>
        snapshot.Configuration.TryGetValue(Property, out var value) && !string.IsNullOrWhiteSpace(value)
            ? Parse(value).Select(c => snapshot.Schema.TryIndexOf(c) is var i and >= 0 ? snapshot.Schema[i] : null)
                .Where(f => f is not null && KeyHasher.IsIndexable(f.Type) && !IsPartition(snapshot.PartitionColumns, f.Name))
                .Select(f => f!.Name).Distinct(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Checks columns asked for through the API (or a create's configuration); throws naming the first bad one.
    /// Returns them as the schema spells them.</summary>
    internal static IReadOnlyList<string> Validate(IEnumerable<string> columns, StructType schema, IReadOnlyList<string> partitionColumns)
    {
        var resolved = new List<string>();
        foreach (var column in columns)
        {
            if (schema.TryIndexOf(column.Trim()) is not (var ordinal and >= 0))
                throw new ArgumentException($"Key index column '{column}' is not a top-level column of the table.", nameof(columns));
            var field = schema[ordinal];
            if (!KeyHasher.IsIndexable(field.Type))
                throw new ArgumentException($"Key index column '{field.Name}' is {field.Type.SimpleString}; only string, long, integer, short and byte columns can be indexed.", nameof(columns));
            if (IsPartition(partitionColumns, field.Name))
                throw new ArgumentException($"Key index column '{field.Name}' is a partition column (files are already skipped by its value).", nameof(columns));
            if (!resolved.Contains(field.Name, StringComparer.Ordinal))
                resolved.Add(field.Name);
        }

        return resolved;
    }

    internal static IEnumerable<string> Parse(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool IsPartition(IReadOnlyList<string> partitionColumns, string name) =>
        partitionColumns.Any(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
}
