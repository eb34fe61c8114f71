using System.Text;
using CrmSync.Lake.Parquet;

namespace CrmSync.Lake.Tests.Reading;

/// <summary>The per-column string cache of the readers: equal bytes give one instance, other bytes never that instance,
/// and every value is the string <see cref="Encoding.UTF8"/> decodes, whatever is in the cache.</summary>
public class Utf8StringCacheTests
{
    [Fact]
    public void Equal_bytes_give_the_same_instance_in_a_run_and_after_other_values()
    {
        var cache = new Utf8StringCache(1_000);

        var first = cache.Get("hubspot"u8);
        var run = cache.Get("hubspot"u8);
        cache.Get("dynamics"u8);
        cache.Get("lifecyclestage"u8);
        var later = cache.Get("hubspot"u8);

        first.Should().Be("hubspot");
        run.Should().BeSameAs(first);
        later.Should().BeSameAs(first);
    }

    [Theory]
    [InlineData("Zürich")]
    [InlineData("Ünïcødé ✓")]
    [InlineData("日本語")]
    [InlineData("emoji 😀 pair")]
    public void Non_ascii_values_are_decoded_and_shared(string text)
    {
        var cache = new Utf8StringCache(1_000);
        var bytes = Encoding.UTF8.GetBytes(text);

        var first = cache.Get(bytes);
        cache.Get("other"u8);
        var again = cache.Get(bytes);

        first.Should().Be(text);
        again.Should().BeSameAs(first);
    }

    [Fact]
    public void Empty_bytes_give_the_empty_string()
    {
        var cache = new Utf8StringCache(16);

        cache.Get("a"u8);

        cache.Get(ReadOnlySpan<byte>.Empty).Should().BeSameAs(string.Empty);
    }

    [Fact]
    public void Invalid_utf8_is_decoded_as_encoding_utf8_decodes_it()
    {
        var cache = new Utf8StringCache(16);
        byte[][] values = [[0xFF], [0xC3], [0x41, 0xFF, 0x42], [0xC3, 0xA9], [0xFF, 0xFF]];

        foreach (var bytes in values.Concat(values))
            cache.Get(bytes).Should().Be(Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Values_of_equal_byte_length_that_differ_are_never_shared()
    {
        // Equal UTF-8 lengths reach the content comparison: ASCII against ASCII, and ASCII against a shorter UTF-16 string.
        var cache = new Utf8StringCache(16);
        string[] texts = ["é", "ab", "é", "ñ", "ab", "ac", "ü1", "1ü", "abc", "abd"];

        var results = texts.Select(t => cache.Get(Encoding.UTF8.GetBytes(t))).ToList();

        results.Should().Equal(texts);
        results[2].Should().BeSameAs(results[0]);
        results[3].Should().NotBeSameAs(results[0]);
    }

    [Fact]
    public void Values_in_the_same_slot_each_decode_to_their_own_string()
    {
        var cache = new Utf8StringCache(16);
        var slotOfA = Slot("key-a");
        var sameSlot = Enumerable.Range(0, 10_000).Select(i => "key-" + i).Where(k => Slot(k) == slotOfA).Take(3).ToList();
        sameSlot.Should().HaveCount(3, "the search must find colliding values for the test to mean anything");

        string[] order = ["key-a", .. sameSlot, "key-a", sameSlot[0], sameSlot[0]];
        var results = order.Select(k => cache.Get(Encoding.UTF8.GetBytes(k))).ToList();

        results.Should().Equal(order);
        results[^1].Should().BeSameAs(results[^2]);
    }

    [Fact]
    public void Values_with_the_same_hash_each_decode_to_their_own_string()
    {
        var cache = new Utf8StringCache(16);
        // Found by a birthday search over "field_" + hex numbers.
        const string first = "field_2ad98", second = "field_61bff";
        Utf8StringCache.Hash(Encoding.UTF8.GetBytes(first)).Should().Be(Utf8StringCache.Hash(Encoding.UTF8.GetBytes(second)));

        string[] order = [first, second, first, second, second];
        var results = order.Select(k => cache.Get(Encoding.UTF8.GetBytes(k))).ToList();

        results.Should().Equal(order);
        results[^1].Should().BeSameAs(results[^2]);
    }

    [Fact]
    public void A_value_read_again_keeps_its_slot_past_one_other_value_in_that_slot()
    {
        var cache = new Utf8StringCache(16);
        var rival = Enumerable.Range(0, 10_000).Select(i => "email-" + i).First(k => Slot(k) == Slot("DE"));

        var first = cache.Get("DE"u8);
        cache.Get("other"u8);
        cache.Get("DE"u8);
        var rivalValue = cache.Get(Encoding.UTF8.GetBytes(rival));
        cache.Get("other"u8);
        var afterRival = cache.Get("DE"u8);

        rivalValue.Should().Be(rival);
        afterRival.Should().BeSameAs(first);
    }

    [Fact]
    public void Long_values_are_shared_and_decoded_exactly()
    {
        var cache = new Utf8StringCache(1_000);
        var prefix = new string('a', Utf8StringCache.MaxNonAsciiCompareBytes + 10);
        string[] texts = [prefix + "b", prefix + "b", prefix + "c", prefix + "é", prefix + "è", prefix + "è"];

        var results = texts.Select(t => cache.Get(Encoding.UTF8.GetBytes(t))).ToList();

        results.Should().Equal(texts);
        results[1].Should().BeSameAs(results[0]);
    }

    [Fact]
    public void Many_distinct_values_each_decode_to_their_own_content()
    {
        var cache = new Utf8StringCache(65_536);
        var random = new Random(5);
        var texts = Enumerable.Range(0, 20_000)
            .Select(i => random.Next(4) switch
            {
                0 => Guid.NewGuid().ToString(),
                1 => "country-" + random.Next(50),
                2 => "ö" + random.Next(1_000),
                _ => new string('x', random.Next(0, 100)),
            })
            .ToList();

        var results = texts.Select(t => cache.Get(Encoding.UTF8.GetBytes(t))).ToList();

        results.Should().Equal(texts);
    }

    private static uint Slot(string text) => Utf8StringCache.Hash(Encoding.UTF8.GetBytes(text)) & 15;
}
