using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace CrmSync.Core.Configuration.Yaml;

/// <summary>
/// Reads one YAML mapping key by key, recording an error with file, line and key path for every
/// missing, mistyped or unknown key instead of stopping at the first.
/// </summary>
internal sealed class YamlSection
{
    private readonly YamlMappingNode _node;
    private readonly YamlErrorSink _errors;
    private readonly HashSet<string> _readKeys = new(StringComparer.Ordinal);

    public YamlSection(YamlMappingNode node, string path, YamlErrorSink errors)
    {
        _node = node;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public YamlNode Node => _node;

    public string KeyPath(string key) => Path.Length == 0 ? key : Path + "." + key;

    /// <summary>The value node of <paramref name="key"/>; null when absent or written as null.</summary>
    public YamlNode? Value(string key)
    {
        _readKeys.Add(key);
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return YamlValues.IsNull(v) ? null : v;
            }
        }

        return null;
    }

    public string? String(string key, bool required = false)
    {
        var node = Value(key);
        if (node is null)
        {
            if (required)
            {
                MissingKey(key);
            }

            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            _errors.At(node, KeyPath(key), "must be a single value, not a list or mapping");
            return null;
        }

        var text = scalar.Value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                _errors.At(node, KeyPath(key), "must not be empty");
            }

            return null;
        }

        return text;
    }

    public int? Int(string key, int min, int max, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            _errors.At(Value(key)!, KeyPath(key),
                string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {min} to {max}, got '{text}'"));
            return null;
        }

        return value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return text == "true";
        }

        _errors.At(Value(key)!, KeyPath(key), $"must be true or false, got '{text}'");
        return null;
    }

    public TimeSpan? Duration(string key, TimeSpan max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!DurationText.TryParse(text, out var duration) || duration < TimeSpan.Zero || duration > max)
        {
            _errors.At(Value(key)!, KeyPath(key),
                $"must be a duration like 200ms, 30s, 5m, 1h or hh:mm:ss (at most {max}), got '{text}'");
            return null;
        }

        return duration;
    }

    public Uri? AbsoluteUri(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            _errors.At(Value(key)!, KeyPath(key), $"must be an absolute http(s) URL, got '{text}'");
            return null;
        }

        return uri;
    }

    public T? Enum<T>(string key, IReadOnlyDictionary<string, T> spellings, bool required = false)
        where T : struct, Enum
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (spellings.TryGetValue(text, out var value))
        {
            return value;
        }

        _errors.At(Value(key)!, KeyPath(key),
            $"'{text}' is not one of: {string.Join(", ", spellings.Keys)}");
        return null;
    }

    public YamlSection? Section(string key, bool required = false)
    {
        var node = Value(key);
        switch (node)
        {
            case null:
                if (required)
                {
                    MissingKey(key);
                }

                return null;
            case YamlMappingNode mapping:
                return new YamlSection(mapping, KeyPath(key), _errors);
            default:
                _errors.At(node, KeyPath(key), "must be a mapping of keys to values");
                return null;
        }
    }

    public YamlSequenceNode? Sequence(string key, bool required = false)
    {
        var node = Value(key);
        switch (node)
        {
            case null:
                if (required)
                {
                    MissingKey(key);
                }

                return null;
            case YamlSequenceNode sequence:
                return sequence;
            default:
                _errors.At(node, KeyPath(key), "must be a list");
                return null;
        }
    }

    /// <summary>The entries of a free-form mapping (names chosen by the user), in file order.</summary>
    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries()
    {
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name })
            {
                _readKeys.Add(name);
                yield return (name, k, v);
            }
            else
            {
                _errors.At(k, Path, "keys must be plain names");
            }
        }
    }

    /// <summary>Reports every key that no reader asked for: typos never pass silently.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (k, _) in _node.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "?";
            if (!_readKeys.Contains(name))
            {
                _errors.At(k, KeyPath(name), $"unknown key; allowed here: {string.Join(", ", _readKeys)}");
            }
        }
    }

    public void Error(string key, string message) =>
        _errors.At(Value(key) ?? _node, KeyPath(key), message);

    private void MissingKey(string key) => _errors.At(_node, KeyPath(key), "required key is missing");
}
