using System.Text.Json.Nodes;

namespace CrmSync.Lake.Protocol;

/// <summary>A named column of a <see cref="StructType"/>. Metadata is kept verbatim (e.g. generation expressions).</summary>
public sealed class StructField(string name, DataType type, bool nullable = true, JsonObject? metadata = null)
    : IEquatable<StructField>
{
    public string Name { get; } = string.IsNullOrEmpty(name) ? throw new ArgumentException("Field name is empty.", nameof(name)) : name;

    public DataType Type { get; } = type ?? throw new ArgumentNullException(nameof(type));

    public bool Nullable { get; } = nullable;

    public JsonObject Metadata { get; } = metadata ?? [];

    public bool Equals(StructField? other) =>
        other is not null && other.Name == Name && other.Nullable == Nullable && other.Type.Equals(Type);

    public override bool Equals(object? obj) => Equals(obj as StructField);

    public override int GetHashCode() => HashCode.Combine(Name, Type, Nullable);

    public override string ToString() => $"{Name}: {Type.SimpleString}{(Nullable ? "" : " not null")}";
}
