using System.Globalization;

namespace CrmSync.Core.Configuration;

/// <summary>
/// One Dynamics choice column: HubSpot's value (the label, e.g. <c>lead</c>) to the Dynamics
/// integer code. Labels match case-insensitively; the configured spelling is what HubSpot gets.
/// </summary>
public sealed class OptionSetMap
{
    private readonly Dictionary<string, int> _codeByLabel;
    private readonly Dictionary<int, string> _labelByCode;

    public OptionSetMap(string attribute, IReadOnlyList<KeyValuePair<string, int>> labelsToCodes)
    {
        ArgumentNullException.ThrowIfNull(labelsToCodes);
        Attribute = attribute;
        _codeByLabel = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        _labelByCode = [];
        foreach (var (label, code) in labelsToCodes)
        {
            if (!_codeByLabel.TryAdd(label, code) || !_labelByCode.TryAdd(code, label))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Option set {attribute}: label '{label}' or code {code} appears twice."),
                    nameof(labelsToCodes));
            }
        }
    }

    public string Attribute { get; }

    public bool TryGetCode(string label, out int code) => _codeByLabel.TryGetValue(label, out code);

    public bool TryGetLabel(int code, out string label) => _labelByCode.TryGetValue(code, out label!);

    /// <summary>The configured spelling of <paramref name="label"/> (any case), if it is a known label.</summary>
    public bool TryGetCanonicalLabel(string label, out string canonical)
    {
        canonical = null!;
        return _codeByLabel.TryGetValue(label, out var code) && _labelByCode.TryGetValue(code, out canonical!);
    }
}
