using CrmSync.Sandbox.Common;

namespace CrmSync.Connectors.Tests.Common;

public sealed class ChunkedSortedIndexTests
{
    [Fact]
    public void Behaves_like_a_sorted_set_under_random_inserts_removes_and_seeks()
    {
        var random = new Random(7);
        var index = new ChunkedSortedIndex<int>();
        var reference = new SortedSet<int>();
        for (var step = 0; step < 20_000; step++)
        {
            var key = random.Next(5_000);
            if (random.Next(3) == 0)
            {
                index.Remove(key).Should().Be(reference.Remove(key));
            }
            else
            {
                index.Add(key).Should().Be(reference.Add(key));
            }
        }

        index.Count.Should().Be(reference.Count);
        index.Ascending().Should().Equal(reference);
        index.Descending().Should().Equal(reference.Reverse());
        foreach (var from in new[] { -1, 0, 1234, 2500, 4999, 6000 })
        {
            index.Ascending(from, hasFrom: true, inclusive: true).Should().Equal(reference.Where(k => k >= from));
            index.Ascending(from, hasFrom: true, inclusive: false).Should().Equal(reference.Where(k => k > from));
            index.Descending(from, hasFrom: true, inclusive: true).Should().Equal(reference.Reverse().Where(k => k <= from));
            index.Descending(from, hasFrom: true, inclusive: false).Should().Equal(reference.Reverse().Where(k => k < from));
            index.Contains(from).Should().Be(reference.Contains(from));
        }
    }
}
