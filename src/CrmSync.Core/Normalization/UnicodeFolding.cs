using System.Text;

namespace CrmSync.Core.Normalization;

/// <summary>
/// NFC and NFKC through ICU, so "Re&#x301;my" equals "R&#xE9;my" and full-width "ｊｏｈｎ" equals "john".
/// Contact data is mostly ASCII or Latin letters, which these forms leave as they are: that case returns at once,
/// without ICU's check (an interop call per string, a tenth of compute-deltas' CPU before this shortcut).
/// </summary>
internal static class UnicodeFolding
{
    public static string ToNfc(string text) => Fold(text, NormalizationForm.FormC);

    public static string ToNfkc(string text) => Fold(text, NormalizationForm.FormKC);

    private static string Fold(string text, NormalizationForm form) =>
        Ascii.IsValid(text) || IsStableLatin(text, form) || text.IsNormalized(form) ? text : text.Normalize(form);

    /// <summary>
    /// True when every character is ASCII or a Latin-1 / Latin Extended-A character that <paramref name="form"/> keeps
    /// (NFC: all of them; NFKC: not the Latin-1 symbols U+00A0-U+00BF such as the no-break space, superscripts and
    /// fractions, nor Ĳ ĳ Ŀ ŀ ŉ). None of these is a combining mark, so no composition can change the string either.
    /// False only means "ask ICU".
    /// </summary>
    internal static bool IsStableLatin(ReadOnlySpan<char> text, NormalizationForm form)
    {
        foreach (var c in text)
        {
            if (c < '\u00a0')
            {
                continue;
            }

            if (c > '\u017e')
            {
                return false;
            }

            if (form == NormalizationForm.FormKC && (c < '\u00c0' || c is '\u0132' or '\u0133' or '\u013f' or '\u0140' or '\u0149'))
            {
                return false;
            }
        }

        return true;
    }
}
