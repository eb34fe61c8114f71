using System.Text;
using CrmSync.Lake.KeyIndex;

namespace CrmSync.Lake.Tests.KeyIndex;

public class SplitBlockBloomFilterTests
{
    [Theory]
    [InlineData("", 0xEF46DB3751D8E999UL)]
    [InlineData("a", 0xD24EC4F1A98C6E5BUL)]
    [InlineData("abc", 0x44BC2CF5AD770999UL)]
    [InlineData("Nobody inspects the spammish repetition", 0xFBCEA83C8A378BF1UL)]
    public void XxHash64_matches_the_reference_vectors(string text, ulong expected) =>
        XxHash64.Hash(Encoding.UTF8.GetBytes(text)).Should().Be(expected);

    [Fact]
    public void XxHash64_covers_every_tail_length_past_the_32_byte_stripes()
    {
        // 0..100 bytes: the stripe loop and each 8/4/1-byte tail; the same input always gives the same hash.
        var data = Enumerable.Range(0, 100).Select(i => (byte)(i * 7)).ToArray();
        var hashes = Enumerable.Range(0, data.Length + 1).Select(n => XxHash64.Hash(data.AsSpan(0, n))).ToList();
        hashes.Should().OnlyHaveUniqueItems();
        hashes.Should().Equal(Enumerable.Range(0, data.Length + 1).Select(n => XxHash64.Hash(data.AsSpan(0, n))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void A_filter_never_loses_a_key_it_was_given(int keyCount)
    {
        var random = new Random(20261123 + keyCount);
        var keys = Enumerable.Range(0, keyCount).Select(_ => RandomKey(random)).ToList();
        var filter = SplitBlockBloomFilter.ForKeys(keyCount);
        foreach (var key in keys)
            filter.Insert(KeyHasher.Hash(key, Protocol.PrimitiveType.String));

        keys.Should().OnlyContain(key => filter.MightContain(KeyHasher.Hash(key, Protocol.PrimitiveType.String)));
    }

    [Fact]
    public void Keys_not_given_pass_rarely_enough_for_lookups_of_thousands_of_keys()
    {
        var random = new Random(42);
        var filter = SplitBlockBloomFilter.ForKeys(100_000);
        for (var i = 0; i < 100_000; i++)
            filter.Insert(KeyHasher.Hash(RandomKey(random), Protocol.PrimitiveType.String));

        var falsePositives = Enumerable.Range(0, 1_000_000).Count(_ => filter.MightContain(KeyHasher.Hash(RandomKey(random), Protocol.PrimitiveType.String)));

        filter.ByteCount.Should().Be(100_000 * SplitBlockBloomFilter.BitsPerKey / 8);
        falsePositives.Should().BeLessThan(100, "about 5 in 100,000 per key at 32 bits per key (51 in this run): few absent keys reach the exact set's binary search");
    }

    [Fact]
    public void Integer_keys_hash_their_parquet_encoding_whatever_clr_type_carries_them()
    {
        KeyHasher.Hash(5, Protocol.PrimitiveType.Long).Should().Be(KeyHasher.Hash(5L, Protocol.PrimitiveType.Long));
        KeyHasher.Hash((short)5, Protocol.PrimitiveType.Short).Should().Be(KeyHasher.Hash(5, Protocol.PrimitiveType.Integer));
        KeyHasher.Hash(5L, Protocol.PrimitiveType.Long).Should().NotBe(KeyHasher.Hash(5, Protocol.PrimitiveType.Integer), "INT64 and INT32 encode differently");
        KeyHasher.Hash("\uD800x", Protocol.PrimitiveType.String).Should().Be(XxHash64.Hash("\uFFFDx"u8), "a lone surrogate is stored as U+FFFD");
    }

    internal static string RandomKey(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("D");
    }
}
