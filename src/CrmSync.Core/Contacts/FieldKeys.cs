namespace CrmSync.Core.Contacts;

/// <summary>
/// A fixed, ordered set of field names with their ordinals (the mapped fields, or one CRM's mapped columns), made once
/// per mapping set and shared by every <see cref="FieldDictionary{T}"/> over it, so a record's fields cost one array.
/// </summary>
public sealed class FieldKeys
{
    private readonly Dictionary<string, int> _ordinals;

    public FieldKeys(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = [.. names];
        _ordinals = new Dictionary<string, int>(Names.Count, StringComparer.Ordinal);
        for (var i = 0; i < Names.Count; i++)
        {
            if (!_ordinals.TryAdd(Names[i], i))
            {
                throw new ArgumentException($"'{Names[i]}' is named twice.", nameof(names));
            }
        }
    }

    /// <summary>The names in ordinal order.</summary>
    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    public bool TryGetOrdinal(string name, out int ordinal) => _ordinals.TryGetValue(name, out ordinal);
}
