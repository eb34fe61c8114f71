namespace CrmSync.Core.Configuration;

/// <summary>
/// The configuration cannot be used. Carries every error found, not only the first, so a user fixes
/// them in one pass. The CLI maps this one type to exit code 2.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var noun = errors.Count == 1 ? "error" : "errors";
        return $"Invalid configuration ({errors.Count} {noun}):{Environment.NewLine}  "
               + string.Join(Environment.NewLine + "  ", errors);
    }
}
