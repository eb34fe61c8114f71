using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace CrmSync.Core.Contacts;

/// <summary>
/// One record's value for every name of a <see cref="FieldKeys"/>, read as a dictionary. Unify builds several of these
/// per record; a <see cref="Dictionary{TKey, TValue}"/> each would cost buckets, entries and a hash per insert, this
/// costs one array.
/// </summary>
public sealed class FieldDictionary<T> : IReadOnlyDictionary<string, T>
{
    private readonly T[] _values;

    /// <param name="keys">The names.</param>
    /// <param name="values">One value per name, in <paramref name="keys"/>' order; the map takes the array, not a copy.</param>
    public FieldDictionary(FieldKeys keys, T[] values)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != keys.Count)
        {
            throw new ArgumentException($"{values.Length} values for {keys.Count} names.", nameof(values));
        }

        FieldKeys = keys;
        _values = values;
    }

    public FieldKeys FieldKeys { get; }

    public int Count => _values.Length;

    public IEnumerable<string> Keys => FieldKeys.Names;

    public IEnumerable<T> Values => _values;

    public T this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not one of this map's names.");

    /// <summary>The value of the name at <paramref name="ordinal"/> in <see cref="FieldKeys"/>.</summary>
    public T At(int ordinal) => _values[ordinal];

    public bool ContainsKey(string key) => FieldKeys.TryGetOrdinal(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        if (FieldKeys.TryGetOrdinal(key, out var ordinal))
        {
            value = _values[ordinal];
            return true;
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            yield return new KeyValuePair<string, T>(FieldKeys.Names[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
