using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace CrmSync.Connectors.Common;

/// <summary>
/// The member names of a record in order, and where each sits: shared by every record of a page that
/// has exactly those names, so those records keep only their values (see <see cref="ShapedProperties"/>).
/// </summary>
internal sealed class PropertyShape
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _positions;

    private PropertyShape(string[] names, Dictionary<string, int> positions)
    {
        _names = names;
        _positions = positions;
        Names = new ReadOnlyCollection<string>(names);
    }

    public ReadOnlyCollection<string> Names { get; }

    public int Count => _names.Length;

    /// <summary>A shape for <paramref name="names"/>; none when a name repeats (such a record needs last-wins semantics).</summary>
    public static bool TryCreate(List<string> names, out PropertyShape shape)
    {
        var positions = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (!positions.TryAdd(names[i], i))
            {
                shape = null!;
                return false;
            }
        }

        shape = new PropertyShape([.. names], positions);
        return true;
    }

    /// <summary>Cheap to compute: names read through one <see cref="PropertyNameCache"/> are the same instances.</summary>
    public static int HashOf(List<string> names)
    {
        var hash = new HashCode();
        hash.Add(names.Count);
        foreach (var name in names)
        {
            hash.Add(RuntimeHelpers.GetHashCode(name));
        }

        return hash.ToHashCode();
    }

    public bool Matches(List<string> names)
    {
        if (names.Count != _names.Length)
        {
            return false;
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (!string.Equals(names[i], _names[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public string NameAt(int position) => _names[position];

    public bool TryGetPosition(string name, out int position) => _positions.TryGetValue(name, out position);
}
