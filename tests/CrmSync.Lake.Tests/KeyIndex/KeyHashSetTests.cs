using CrmSync.Lake.KeyIndex;

namespace CrmSync.Lake.Tests.KeyIndex;

public class KeyHashSetTests
{
    [Fact]
    public void A_set_holds_exactly_its_keys_so_a_lookup_of_many_absent_keys_passes_no_file()
    {
        var random = new Random(20261124);
        var present = Enumerable.Range(0, 25_000).Select(_ => Hash(SplitBlockBloomFilterTests.RandomKey(random))).ToList();
        var absent = Enumerable.Range(0, 200_000).Select(_ => Hash(SplitBlockBloomFilterTests.RandomKey(random))).ToList();
        var set = KeyHashSet.Of([.. present, .. present.Take(10)]);

        set.Count.Should().Be(25_000, "repeated keys count once");
        present.Should().OnlyContain(hash => set.MightContain(hash));
        absent.Count(set.MightContain).Should().Be(0, "a bloom filter at 32 bits per key would pass ~10 of these; the set passes none");
    }

    [Fact]
    public void A_set_builds_its_prefilter_only_after_a_query_per_ten_keys_and_answers_the_same_before_and_after()
    {
        var random = new Random(20261124);
        var present = Enumerable.Range(0, 20_000).Select(_ => Hash(SplitBlockBloomFilterTests.RandomKey(random))).ToList();
        var absent = Enumerable.Range(0, 20_000).Select(_ => Hash(SplitBlockBloomFilterTests.RandomKey(random))).ToList();
        var set = KeyHashSet.Of([.. present]);
        var before = 20_000 / KeyHashSet.KeysPerQueryBeforePrefilter - 1;

        var early = present.Take(before / 2).Concat(absent.Take(before - (before / 2))).Select(set.MightContain).ToList();

        set.HasPrefilter.Should().BeFalse("a lookup of a few keys in a large file is answered by binary search alone");
        early.Should().Equal(Enumerable.Repeat(true, before / 2).Concat(Enumerable.Repeat(false, before - (before / 2))));
        present.Should().OnlyContain(hash => set.MightContain(hash));
        set.HasPrefilter.Should().BeTrue();
        absent.Count(set.MightContain).Should().Be(0);
    }

    [Fact]
    public void A_set_round_trips_through_its_bytes()
    {
        var set = KeyHashSet.Of([5UL, 1UL, ulong.MaxValue, 5UL, 0UL]);
        var bytes = new byte[set.SerializedByteCount];
        set.WriteTo(bytes);

        var reread = KeyHashSet.FromBytes(bytes);

        reread.Count.Should().Be(4);
        new[] { 0UL, 1UL, 5UL, ulong.MaxValue }.Should().OnlyContain(hash => reread.MightContain(hash));
        new[] { 2UL, 4UL, 6UL, ulong.MaxValue - 1 }.Should().NotContain(hash => reread.MightContain(hash));
    }

    [Fact]
    public void Bytes_that_are_not_whole_hashes_in_strictly_ascending_order_are_rejected()
    {
        var set = KeyHashSet.Of([1UL, 2UL]);
        var bytes = new byte[set.SerializedByteCount];
        set.WriteTo(bytes);
        var swapped = bytes[8..].Concat(bytes[..8]).ToArray();
        var repeated = bytes[..8].Concat(bytes[..8]).ToArray();

        foreach (var damaged in new[] { bytes[..^1], swapped, repeated })
        {
            var act = () => KeyHashSet.FromBytes(damaged);
            act.Should().Throw<FormatException>();
        }
    }

    private static ulong Hash(string key) => KeyHasher.Hash(key, Protocol.PrimitiveType.String);
}
