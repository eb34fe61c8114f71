using System.Globalization;

namespace CrmSync.Core.Configuration;

/// <summary>One problem found in a configuration source, pointing at the exact place to fix.</summary>
/// <param name="File">The file name the caller gave (or "environment" for an override).</param>
/// <param name="Line">1-based line, 0 when the problem has no line (an environment variable).</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Key">Dotted path of the key at fault, e.g. <c>fields[3].direction</c>.</param>
/// <param name="Message">What is wrong and what is allowed. Never contains a secret value.</param>
public sealed record ConfigurationError(string File, int Line, int Column, string Key, string Message)
{
    public override string ToString() => Line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {Key}: {Message}")
        : $"{File}: {Key}: {Message}";
}
