using YamlDotNet.RepresentationModel;

namespace CrmSync.Core.Configuration.Yaml;

/// <summary>Turns a YAML node into the file/line/column of a <see cref="ConfigurationError"/>.</summary>
internal sealed class YamlErrorSink
{
    private readonly ConfigurationErrorList _errors;

    public YamlErrorSink(string file, ConfigurationErrorList errors)
    {
        File = file;
        _errors = errors;
    }

    public string File { get; }

    public void At(YamlNode node, string key, string message) =>
        _errors.Add(File, (int)node.Start.Line, (int)node.Start.Column, key, message);
}
