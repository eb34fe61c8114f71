namespace CrmSync.Core.Configuration;

/// <summary>Collects errors across one load so all of them are reported together.</summary>
internal sealed class ConfigurationErrorList
{
    private readonly List<ConfigurationError> _errors = [];

    public int Count => _errors.Count;

    public void Add(ConfigurationError error) => _errors.Add(error);

    public void Add(string file, int line, int column, string key, string message) =>
        _errors.Add(new ConfigurationError(file, line, column, key, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ConfigurationException(_errors.ToArray());
        }
    }
}
