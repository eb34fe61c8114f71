using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CrmSync.Core.Configuration.Yaml;

/// <summary>Parses YAML text into its root mapping, reporting syntax errors with their position.</summary>
internal static class YamlDocumentLoader
{
    public static YamlSection? LoadRoot(string yamlText, YamlErrorSink errors, ConfigurationErrorList list)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yamlText);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            list.Add(errors.File, (int)e.Start.Line, (int)e.Start.Column, "(syntax)", Unwrap(e));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            list.Add(errors.File, 1, 1, "(root)", "the file must contain a YAML mapping of keys to values");
            return null;
        }

        return new YamlSection(root, "", errors);
    }

    private static string Unwrap(YamlException e) =>
        e.InnerException is YamlException inner ? Unwrap(inner) : e.Message.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
