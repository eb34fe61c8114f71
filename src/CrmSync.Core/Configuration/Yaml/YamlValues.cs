using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CrmSync.Core.Configuration.Yaml;

/// <summary>Small questions about YAML nodes.</summary>
internal static class YamlValues
{
    /// <summary>True for <c>~</c>, <c>null</c> or an empty plain value; a quoted "null" is a string.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");
}
