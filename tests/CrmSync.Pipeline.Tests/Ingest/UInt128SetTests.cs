using CrmSync.Pipeline.Stages.Ingest;

namespace CrmSync.Pipeline.Tests.Ingest;

/// <summary>Ingest's sets of id hashes and version fingerprints: they must answer exactly as a <see cref="HashSet{T}"/>
/// would, through growth, presizing, the zero value (the empty-slot marker) and values whose slots collide.</summary>
public sealed class UInt128SetTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(50_000)]
    public void Answers_as_a_hash_set_through_growth_and_duplicates(int presized)
    {
        var random = new Random(20261123);
        var set = new UInt128Set(presized);
        var reference = new HashSet<UInt128>();
        var added = new List<UInt128>();
        for (var i = 0; i < 40_000; i++)
        {
            // A third of the adds repeat an earlier value.
            var value = added.Count > 0 && random.Next(3) == 0
                ? added[random.Next(added.Count)]
                : new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64());
            set.Add(value).Should().Be(reference.Add(value), "add #{0}", i);
            added.Add(value);
        }

        set.Count.Should().Be(reference.Count);
        added.Should().OnlyContain(v => set.Contains(v));
        for (var i = 0; i < 10_000; i++)
        {
            var probe = new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64());
            set.Contains(probe).Should().Be(reference.Contains(probe));
        }
    }

    [Fact]
    public void Zero_is_a_value_like_any_other()
    {
        var set = new UInt128Set();

        set.Contains(UInt128.Zero).Should().BeFalse();
        set.Add(UInt128.Zero).Should().BeTrue();
        set.Add(UInt128.Zero).Should().BeFalse();
        set.Contains(UInt128.Zero).Should().BeTrue();
        set.Count.Should().Be(1);
        set.Add(UInt128.One).Should().BeTrue();
        set.Count.Should().Be(2);
    }

    [Fact]
    public void Values_that_share_a_slot_are_told_apart_and_survive_growth()
    {
        // Equal halves XOR to zero: every such value lands in slot 0, so each add and look-up walks the whole run.
        var set = new UInt128Set();
        var values = Enumerable.Range(1, 200).Select(i => new UInt128((ulong)i, (ulong)i)).ToList();

        values.Should().OnlyContain(v => set.Add(v));
        values.Should().OnlyContain(v => !set.Add(v));
        set.Count.Should().Be(200);
        values.Should().OnlyContain(v => set.Contains(v));
        set.Contains(new UInt128(201, 201)).Should().BeFalse();
        set.Contains(new UInt128(1, 2)).Should().BeFalse();
    }

    [Fact]
    public void A_run_that_reaches_the_last_slot_wraps_to_the_first()
    {
        // A new set has 16 slots and holds 8 before it grows: six values of the last slot, five of them added, fill
        // slots 15, 0, 1, 2 and 3.
        var lastSlot = Enumerable.Range(1, 100_000).Select(i => new UInt128(0, (ulong)i))
            .Where(v => UInt128Set.SlotOf(v, 16) == 15).Take(6).ToList();
        lastSlot.Should().HaveCount(6);
        var set = new UInt128Set();

        lastSlot.Take(5).Should().OnlyContain(v => set.Add(v));

        lastSlot.Take(5).Should().OnlyContain(v => set.Contains(v) && !set.Add(v));
        set.Contains(lastSlot[5]).Should().BeFalse();
        set.Count.Should().Be(5);
    }

    [Fact]
    public void Ensuring_capacity_keeps_what_the_set_holds()
    {
        var set = new UInt128Set();
        var values = Enumerable.Range(1, 100).Select(i => new UInt128((ulong)i * 7919, (ulong)i)).ToList();
        values.ForEach(v => set.Add(v));

        set.EnsureCapacity(1_000_000);
        set.EnsureCapacity(10);

        set.Count.Should().Be(100);
        values.Should().OnlyContain(v => set.Contains(v));
        set.Add(values[0]).Should().BeFalse();
    }
}
