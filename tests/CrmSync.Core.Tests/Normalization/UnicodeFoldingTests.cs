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
}
