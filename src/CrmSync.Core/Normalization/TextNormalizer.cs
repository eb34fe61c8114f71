namespace CrmSync.Core.Normalization;

/// <summary>Free text: trimmed, Unicode NFC so composed and decomposed accents compare equal.</summary>
internal static class TextNormalizer
{
    public static string Normalize(string trimmed) =>
        UnicodeFolding.ToNfc(trimmed);
}
