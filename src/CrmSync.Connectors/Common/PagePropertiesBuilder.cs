namespace CrmSync.Connectors.Common;

/// <summary>
/// Builds the <see cref="CrmRecord.Properties"/> of one page's records, one record at a time. Records of a
/// page carry the same names in the same order, or one of a few such lists (Dataverse leaves out the
/// formatted value of an empty column), so each record keeps an array of values and shares a
/// <see cref="PropertyShape"/> instead of a dictionary of its own: for a ~40-column Dataverse row the
/// dictionary was about a third of the bytes the record keeps. Lives for one page (not thread-safe).
/// </summary>
internal sealed class PagePropertiesBuilder
{
    /// <summary>More distinct name lists than this in one page (not seen in practice) get plain dictionaries.</summary>
    private const int MaxShapes = 256;

    private readonly List<string> _names = [];
    private readonly List<string?> _values = [];
    private readonly Dictionary<int, List<PropertyShape>> _shapesByHash = [];
    private PropertyShape? _last;
    private int _shapeCount;

    public void Add(string name, string? value)
    {
        _names.Add(name);
        _values.Add(value);
    }

    /// <summary>The properties added since the last call; a name added twice keeps its last value.</summary>
    public IReadOnlyDictionary<string, string?> Build()
    {
        try
        {
            return ShapeOfNames() is { } shape ? new ShapedProperties(shape, [.. _values]) : AsDictionary();
        }
        finally
        {
            _names.Clear();
            _values.Clear();
        }
    }

    private PropertyShape? ShapeOfNames()
    {
        if (_last is not null && _last.Matches(_names))
        {
            return _last;
        }

        var hash = PropertyShape.HashOf(_names);
        if (_shapesByHash.TryGetValue(hash, out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (candidate.Matches(_names))
                {
                    return _last = candidate;
                }
            }
        }

        if (_shapeCount == MaxShapes || !PropertyShape.TryCreate(_names, out var created))
        {
            return null;
        }

        if (candidates is null)
        {
            _shapesByHash[hash] = candidates = [];
        }

        candidates.Add(created);
        _shapeCount++;
        return _last = created;
    }

    private Dictionary<string, string?> AsDictionary()
    {
        var properties = new Dictionary<string, string?>(_names.Count, StringComparer.Ordinal);
        for (var i = 0; i < _names.Count; i++)
        {
            properties[_names[i]] = _values[i];
        }

        return properties;
    }
}
