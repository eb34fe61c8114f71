using CrmSync.Core.Normalization;

namespace CrmSync.Core.Tests.Normalization;

public class UnicodeFoldingTests
{
    [Theory]
    [InlineData("Re\u0301my", "R\u00e9my")]
    [InlineData("u\u0308\u0301", "\u01d8")]
    [InlineData("\u0438\u0306", "\u0439")]
    [InlineData("A\u030a", "\u00c5")]
    [InlineData("a\u0323\u0302", "\u1ead")]
    [InlineData("a\u0302\u0323", "\u1ead")]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("\u00e9 stays", "\u00e9 stays")]
    public void Nfc_composes_accents_typed_as_separate_marks(string input, string expected)
    {
        UnicodeFolding.ToNfc(input).Should().Be(expected);
    }

    [Theory]
    [InlineData("\uff4a\uff4f\uff48\uff4e", "john")]
    [InlineData("\ufb01", "fi")]
    [InlineData("a\u00a0b", "a b")]
    [InlineData("\u2460", "1")]
    [InlineData("\u0391\u0301\u03b8\u03ae\u03bd\u03b1", "\u0386\u03b8\u03ae\u03bd\u03b1")]
    [InlineData("Caf\u00e9\u2122", "Caf\u00e9TM")]
    public void Nfkc_folds_compatibility_forms(string input, string expected)
    {
        UnicodeFolding.ToNfkc(input).Should().Be(expected);
    }

    [Fact]
    public void Nfc_keeps_compatibility_characters()
    {
        UnicodeFolding.ToNfc("\uff4a\u2122").Should().Be("\uff4a\u2122");
    }

    [Theory]
    [InlineData(System.Text.NormalizationForm.FormC)]
    [InlineData(System.Text.NormalizationForm.FormKC)]
    public void The_latin_shortcut_never_skips_a_character_the_form_would_change(System.Text.NormalizationForm form)
    {
        var kept = 0;
        for (var c = '\u0000'; c < '\u0400'; c++)
        {
            if (char.IsSurrogate(c) || !UnicodeFolding.IsStableLatin(c.ToString(), form))
            {
                continue;
            }

            kept++;
            c.ToString().IsNormalized(form).Should().BeTrue($"U+{(int)c:X4} passed the shortcut for {form}");
        }

        kept.Should().BeGreaterThan(form == System.Text.NormalizationForm.FormC ? 380 : 340, "the shortcut covers Latin-1 and Latin Extended-A");
    }

    [Fact]
    public void Latin_text_with_combining_marks_or_compatibility_forms_still_goes_to_icu()
    {
        var random = new Random(7);
        var alphabet = "aeoöüßçñÅéŁœŒž \u00a0\u00bd\u0132\u0149\u0301\u0308\u2122".ToCharArray();
        for (var i = 0; i < 5_000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 8)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            foreach (var form in new[] { System.Text.NormalizationForm.FormC, System.Text.NormalizationForm.FormKC })
            {
                if (UnicodeFolding.IsStableLatin(text, form))
                {
                    text.IsNormalized(form).Should().BeTrue($"'{text}' passed the shortcut for {form}");
                }
            }
        }

        UnicodeFolding.ToNfc("Ame\u0301lie Sørensen").Should().Be("Am\u00e9lie Sørensen");
        UnicodeFolding.ToNfkc("\u00bd\u00a0\u0132sselmeer").Should().Be("1\u20442 IJsselmeer");
    }
}
