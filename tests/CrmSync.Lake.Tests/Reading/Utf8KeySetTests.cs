using System.Text;
using CrmSync.Lake.Parquet;

namespace CrmSync.Lake.Tests.Reading;

/// <summary>The key set behind the raw-key probe: exact UTF-8 content, each distinct key once.</summary>
public class Utf8KeySetTests
{
    [Fact]
    public void Holds_each_distinct_key_once_and_answers_by_exact_bytes()
    {
        var set = new Utf8KeySet(["Zürich", "a", "", "a", "Zürich", "b"]);

        set.Count.Should().Be(4);
        Enumerable.Range(0, set.Count).Select(i => Encoding.UTF8.GetString(set.KeyAt(i))).Should().Equal("Zürich", "a", "", "b");
        set.Contains("Zürich"u8).Should().BeTrue();
        set.Contains(""u8).Should().BeTrue();
        set.Contains("zürich"u8).Should().BeFalse();
        set.Contains("a "u8).Should().BeFalse();
        set.Contains("Z"u8).Should().BeFalse();
    }

    [Fact]
    public void Finds_every_one_of_many_keys_and_none_of_their_neighbours()
    {
        var keys = Enumerable.Range(0, 50_000).Select(i => $"{i:x}-{i * 7919 % 100_003}").ToList();

        var set = new Utf8KeySet(keys);

        set.Count.Should().Be(keys.Count);
        keys.Should().OnlyContain(k => set.Contains(Encoding.UTF8.GetBytes(k)));
        keys.Select(k => k + "x").Should().NotContain(k => set.Contains(Encoding.UTF8.GetBytes(k)));
        keys.Select(k => k[..^1]).Where(k => !keys.Contains(k)).Take(2_000).Should().NotContain(k => set.Contains(Encoding.UTF8.GetBytes(k)));
    }

    [Fact]
    public void An_empty_set_holds_nothing()
    {
        var set = new Utf8KeySet([]);

        set.Count.Should().Be(0);
        set.Contains(""u8).Should().BeFalse();
        set.Contains("a"u8).Should().BeFalse();
    }
}
