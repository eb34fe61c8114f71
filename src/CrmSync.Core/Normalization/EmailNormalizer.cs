namespace CrmSync.Core.Normalization;

/// <summary>Email: Unicode NFKC (full-width and compatibility forms fold) and lower case, so
/// <c>John.Doe@Example.COM</c> and <c>john.doe@example.com</c> are one address.</summary>
public static class EmailNormalizer
{
    public static NormalizedValue Normalize(string trimmed)
    {
        ArgumentNullException.ThrowIfNull(trimmed);
        var folded = UnicodeFolding.ToNfkc(trimmed).ToLowerInvariant();
        var at = folded.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == folded.LastIndexOf('@') && at < folded.Length - 1 && !folded.Any(char.IsWhiteSpace)
            ? NormalizedValue.Valid(folded, trimmed)
            : new NormalizedValue(folded, trimmed, "not an email address (expected one @ with text on both sides, no spaces)");
    }

    /// <summary>The canonical email for matching, or null when <paramref name="raw"/> is empty.</summary>
    public static string? ForMatching(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null : Normalize(raw.Trim()).Value;
}
