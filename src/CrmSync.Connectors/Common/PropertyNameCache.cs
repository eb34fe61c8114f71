using System.Text.Json;

namespace CrmSync.Connectors.Common;

/// <summary>
/// One string per distinct member name within a page: every record of a page repeats the same names,
/// so each is decoded once instead of once per record. Records of a page also list their members in
/// the same order, so the name expected at a member's position is compared byte for byte first, and
/// only a name that differs is decoded and looked up. Lives for one page (not thread-safe).
/// </summary>
internal sealed class PropertyNameCache
{
    /// <summary>Longer names (none in practice) are decoded without the cache.</summary>
    private const int MaxCachedLength = 256;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;
    private readonly List<(byte[] Utf8, string Name)> _byPosition = [];

    public PropertyNameCache() => _byChars = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The name at <paramref name="json"/>'s current <see cref="JsonTokenType.PropertyName"/> token, unescaped.</summary>
    /// <param name="position">The member's position in its object (0 for the first member).</param>
    public string Get(ref Utf8JsonReader json, int position)
    {
        if (json.HasValueSequence || json.ValueSpan.Length > MaxCachedLength)
        {
            return json.GetString()!;
        }

        if (position < _byPosition.Count && !json.ValueIsEscaped && json.ValueSpan.SequenceEqual(_byPosition[position].Utf8))
        {
            return _byPosition[position].Name;
        }

        var name = Lookup(ref json);
        if (!json.ValueIsEscaped)
        {
            var expected = (json.ValueSpan.ToArray(), name);
            if (position < _byPosition.Count)
            {
                _byPosition[position] = expected;
            }
            else if (position == _byPosition.Count)
            {
                _byPosition.Add(expected);
            }
        }

        return name;
    }

    private string Lookup(ref Utf8JsonReader json)
    {
        // Unescaped, a name has at most as many chars as it has UTF-8 bytes.
        Span<char> chars = stackalloc char[MaxCachedLength];
        var name = chars[..json.CopyString(chars)];
        if (_byChars.TryGetValue(name, out var known))
        {
            return known;
        }

        var added = name.ToString();
        _names.Add(added, added);
        return added;
    }
}
