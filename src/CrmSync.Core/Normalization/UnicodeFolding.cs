using System.Text;

namespace CrmSync.Core.Normalization;

/// <summary>
/// NFC and NFKC for the scripts contact data is written in (see <see cref="UnicodeFoldingTables"/>),
/// so "Re&#x301;my" equals "R&#xE9;my" and full-width "ｊｏｈｎ" equals "john" even under invariant
/// globalization. Characters outside the covered ranges pass through unchanged.
/// </summary>
internal static class UnicodeFolding
{
    private const char FirstMark = '\u0300';
    private const char LastMark = '\u036F';

    private static readonly Dictionary<char, string> CanonicalMap = Parse(UnicodeFoldingTables.Canonical);
    private static readonly Dictionary<char, string> CompatibilityMap = Parse(UnicodeFoldingTables.Compatibility);
    private static readonly Dictionary<(char, char), char> CompositionMap =
        UnicodeFoldingTables.Compositions.ToDictionary(e => (e[0], e[1]), e => e[2]);

    public static string ToNfc(string text) => Fold(text, compatibility: false);

    public static string ToNfkc(string text) => Fold(text, compatibility: true);

    private static string Fold(string text, bool compatibility)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var decomposed = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (compatibility && CompatibilityMap.TryGetValue(c, out var compat))
            {
                decomposed.Append(compat);
            }
            else if (CanonicalMap.TryGetValue(c, out var canonical))
            {
                decomposed.Append(canonical);
            }
            else
            {
                decomposed.Append(c);
            }
        }

        ReorderMarks(decomposed);
        return Compose(decomposed);
    }

    /// <summary>Canonical ordering: within each run of marks, a stable sort by combining class.</summary>
    private static void ReorderMarks(StringBuilder text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            var combiningClass = CombiningClass(c);
            var j = i;
            while (combiningClass > 0 && j > 0 && CombiningClass(text[j - 1]) > combiningClass)
            {
                text[j] = text[j - 1];
                j--;
            }

            text[j] = c;
        }
    }

    /// <summary>Canonical composition: each mark joins the last starter unless a mark of the same or higher class sits between them.</summary>
    private static string Compose(StringBuilder decomposed)
    {
        var output = new StringBuilder(decomposed.Length);
        var starter = -1;
        var lastClass = -1;
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            var combiningClass = CombiningClass(c);
            var blocked = lastClass != -1 && (lastClass == 0 || lastClass >= combiningClass);
            if (starter >= 0 && !blocked && CompositionMap.TryGetValue((output[starter], c), out var composed))
            {
                output[starter] = composed;
                continue;
            }

            if (combiningClass == 0)
            {
                starter = output.Length;
                lastClass = -1;
            }
            else
            {
                lastClass = combiningClass;
            }

            output.Append(c);
        }

        return output.ToString();
    }

    private static int CombiningClass(char c) =>
        c is >= FirstMark and <= LastMark ? UnicodeFoldingTables.CombiningClasses[c - FirstMark] : 0;

    private static Dictionary<char, string> Parse(string[] entries) =>
        entries.ToDictionary(e => e[0], e => e[2..]);
}
