using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace CrmSync.Connectors.Common;

/// <summary>
/// A record's properties as one array of values in its <see cref="PropertyShape"/>'s order: a read-only
/// dictionary without a hash table of its own.
/// </summary>
internal sealed class ShapedProperties(PropertyShape shape, string?[] values) : IReadOnlyDictionary<string, string?>
{
    public int Count => shape.Count;

    public IEnumerable<string> Keys => shape.Names;

    public IEnumerable<string?> Values => new ReadOnlyCollection<string?>(values);

    public string? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The given key '{key}' was not present in the dictionary.");

    public bool ContainsKey(string key) => shape.TryGetPosition(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value)
    {
        if (shape.TryGetPosition(key, out var position))
        {
            value = values[position];
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
    {
        for (var i = 0; i < values.Length; i++)
        {
            yield return new KeyValuePair<string, string?>(shape.NameAt(i), values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
