using System.Text.Json;

namespace CrmSync.Connectors.Common;

/// <summary>
/// One string per distinct member name within a page: every record of a page repeats the same names,
/// so each is decoded once instead of once per record. Lives for one page (not thread-safe).
/// </summary>
internal sealed class PropertyNameCache
{
    /// <summary>Longer names (none in practice) are decoded without the cache.</summary>
    private const int MaxCachedLength = 256;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public PropertyNameCache() => _byChars = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The name at <paramref name="json"/>'s current <see cref="JsonTokenType.PropertyName"/> token, unescaped.</summary>
    public string Get(ref Utf8JsonReader json)
    {
        // Unescaped, a name has at most as many chars as it has UTF-8 bytes.
        if (json.HasValueSequence || json.ValueSpan.Length > MaxCachedLength)
        {
            return json.GetString()!;
        }

        Span<char> chars = stackalloc char[MaxCachedLength];
        var length = json.CopyString(chars);
        var name = chars[..length];
        if (_byChars.TryGetValue(name, out var known))
        {
            return known;
        }

        var added = name.ToString();
        _names.Add(added, added);
        return added;
    }
}
