using CrmSync.Lake.KeyIndex;

namespace CrmSync.Lake.Tests.KeyIndex;

public class SplitBlockBloomFilterTests
{
    [Theory]
    [InlineData("", 0xEF46DB3751D8E999UL)]
    [InlineData("a", 0xD24EC4F1A98C6E5BUL)]
    [InlineData("abc", 0x44BC2CF5AD770999UL)]
    [InlineData("Nobody inspects the spammish repetition", 0xFBCEA83C8A378BF1UL)]
    public void A_string_key_hashes_to_the_xxh64_reference_vector_of_its_utf8_bytes(string text, ulong expected) =>
        KeyHasher.Hash(text, Protocol.PrimitiveType.String).Should().Be(expected);

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

        SplitBlockBloomFilter.ByteCountFor(100_000).Should().Be(100_000 * SplitBlockBloomFilter.BitsPerKey / 8);
        falsePositives.Should().BeLessThan(100, "about 5 in 100,000 per key at 32 bits per key (51 in this run): few absent keys reach the exact set's binary search");
    }

    [Fact]
    public void Integer_keys_hash_their_parquet_encoding_whatever_clr_type_carries_them()
    {
        KeyHasher.Hash(5, Protocol.PrimitiveType.Long).Should().Be(KeyHasher.Hash(5L, Protocol.PrimitiveType.Long));
        KeyHasher.Hash((short)5, Protocol.PrimitiveType.Short).Should().Be(KeyHasher.Hash(5, Protocol.PrimitiveType.Integer));
        KeyHasher.Hash(5L, Protocol.PrimitiveType.Long).Should().NotBe(KeyHasher.Hash(5, Protocol.PrimitiveType.Integer), "INT64 and INT32 encode differently");
        KeyHasher.Hash("\uD800x", Protocol.PrimitiveType.String).Should().Be(System.IO.Hashing.XxHash64.HashToUInt64("\uFFFDx"u8), "a lone surrogate is stored as U+FFFD");
    }

    internal static string RandomKey(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("D");
    }
}
