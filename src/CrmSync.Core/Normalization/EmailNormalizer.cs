using System.Buffers;

namespace CrmSync.Core.Normalization;

/// <summary>Email: Unicode NFKC (full-width and compatibility forms fold) and lower case, so
/// <c>John.Doe@Example.COM</c> and <c>john.doe@example.com</c> are one address.</summary>
public static class EmailNormalizer
{
    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\r\n\u00a0");

    public static NormalizedValue Normalize(string trimmed)
    {
        ArgumentNullException.ThrowIfNull(trimmed);
        var folded = UnicodeFolding.ToNfkc(trimmed).ToLowerInvariant();
        var at = folded.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == folded.LastIndexOf('@') && at < folded.Length - 1 && !folded.AsSpan().ContainsAny(Whitespace)
            ? NormalizedValue.Valid(folded, trimmed)
            : new NormalizedValue(folded, trimmed, "not an email address (expected one @ with text on both sides, no spaces)");
    }
}
