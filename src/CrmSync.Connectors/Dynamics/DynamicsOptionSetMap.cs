namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Choice (picklist) columns: label &lt;-&gt; integer code, per attribute. Loaded from the metadata
/// endpoint or given in configuration. Labels match case-insensitively.
/// </summary>
public sealed class DynamicsOptionSetMap
{
    private readonly Dictionary<string, Dictionary<string, int>> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<int, string>> _labels = new(StringComparer.Ordinal);

    public DynamicsOptionSetMap(IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (attribute, values) in options)
        {
            _labels[attribute] = values.ToDictionary(v => v.Key, v => v.Value);
            _codes[attribute] = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var (code, label) in values)
                if (!_codes[attribute].TryAdd(label, code))
                    throw new ArgumentException($"Option set '{attribute}' has the label '{label}' twice; labels must be unique to map them.", nameof(options));
        }
    }

    /// <summary>Every choice column known, e.g. to suggest field mappings (crmsync discover).</summary>
    public IReadOnlyCollection<string> Attributes => _codes.Keys;

    public bool IsPicklist(string attribute) => _codes.ContainsKey(attribute);

    public bool TryGetCode(string attribute, string label, out int code)
    {
        code = 0;
        return _codes.TryGetValue(attribute, out var codes) && codes.TryGetValue(label, out code);
    }

    public string? LabelOf(string attribute, int code) =>
        _labels.TryGetValue(attribute, out var labels) && labels.TryGetValue(code, out var label) ? label : null;

    public IReadOnlyCollection<string> LabelsOf(string attribute) =>
        _codes.TryGetValue(attribute, out var codes) ? codes.Keys : [];
}
