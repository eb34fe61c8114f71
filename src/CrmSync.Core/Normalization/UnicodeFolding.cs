using System.Text;

namespace CrmSync.Core.Normalization;

/// <summary>
/// NFC and NFKC through ICU, so "Re&#x301;my" equals "R&#xE9;my" and full-width "ｊｏｈｎ" equals "john".
/// Contact data is mostly ASCII, which no normalization form changes: that case returns at once.
/// </summary>
internal static class UnicodeFolding
{
    public static string ToNfc(string text) => Fold(text, NormalizationForm.FormC);

    public static string ToNfkc(string text) => Fold(text, NormalizationForm.FormKC);

    private static string Fold(string text, NormalizationForm form) =>
        Ascii.IsValid(text) || text.IsNormalized(form) ? text : text.Normalize(form);
}
