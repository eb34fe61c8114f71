namespace CrmSync.Core.Configuration;

/// <summary>What counts as a valid unified field name and CRM property/attribute name.</summary>
internal static class FieldNames
{
    /// <summary>lower_snake_case starting with a letter: safe as a Delta column name.</summary>
    public static bool IsUnifiedName(string name) =>
        name.Length is > 0 and <= 64 && char.IsAsciiLetterLower(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    public static bool IsCrmName(string name) =>
        name.Length is > 0 and <= 128 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
