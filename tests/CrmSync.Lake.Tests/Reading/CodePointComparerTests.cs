using System.Text;
using CrmSync.Lake.Expressions;
using FluentAssertions;
using Xunit;

namespace CrmSync.Lake.Tests.Reading;

public class CodePointComparerTests
{
    [Theory]
    [InlineData("a", "b", -1)]
    [InlineData("ab", "a", 1)]
    [InlineData("", "a", -1)]
    [InlineData("same", "same", 0)]
    [InlineData("\U0001F600", "\uFFFD", 1)] // a surrogate pair is above U+FFFD by code point, below it in UTF-16
    [InlineData("x\U0001F600", "x\uE000", 1)]
    [InlineData("\uD7FF", "\U00010000", -1)]
    public void Orders_by_code_point(string x, string y, int sign)
    {
        Math.Sign(CodePointComparer.Instance.Compare(x, y)).Should().Be(sign);
        Math.Sign(CodePointComparer.Instance.Compare(y, x)).Should().Be(-sign);
    }

    [Fact]
    public void Agrees_with_the_utf8_byte_order_parquet_statistics_use()
    {
        var random = new Random(20261123);
        char[] alphabet = ['a', 'b', 'é', '\u4E2D', '\uE000', '\uFFFD', '\uD83D'];
        string Next()
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 40);
            for (var i = 0; i < length; i++)
            {
                var c = alphabet[random.Next(alphabet.Length)];
                // A high surrogate always with its low one: the strings are valid UTF-16.
                builder.Append(c == '\uD83D' ? "\U0001F600" : c.ToString());
            }

            return builder.ToString();
        }

        for (var i = 0; i < 5_000; i++)
        {
            var (x, y) = (Next(), Next());
            if (random.Next(4) == 0)
                y = x + y; // shared prefixes longer than a vector
            var expected = Math.Sign(Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)));
            Math.Sign(CodePointComparer.Instance.Compare(x, y)).Should().Be(expected, $"comparing \"{x}\" with \"{y}\"");
        }
    }
}
