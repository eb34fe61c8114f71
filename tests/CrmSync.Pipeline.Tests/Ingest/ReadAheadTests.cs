using CrmSync.Pipeline.Stages.Ingest;
using FluentAssertions;
using Xunit;

namespace CrmSync.Pipeline.Tests.Ingest;

public class ReadAheadTests
{
    [Fact]
    public async Task Gives_every_item_in_order_then_the_end()
    {
        await using var ahead = new ReadAhead<int>(Range(10_000), capacity: 7, limit: null, CancellationToken.None);

        var items = await DrainAsync(ahead);

        items.Should().Equal(Enumerable.Range(0, 10_000));
    }

    [Fact]
    public async Task Reads_while_the_consumer_works_up_to_its_capacity()
    {
        var source = new CountingSource(100);
        await using var ahead = new ReadAhead<int>(source.ReadAsync(), capacity: 5, limit: null, CancellationToken.None);

        // Without taking anything, the source is read up to the capacity (plus the one item waiting to go in).
        await source.WaitForReadsAsync(5);
        await Task.Delay(20);

        source.Read.Should().BeInRange(5, 6);
        (await DrainAsync(ahead)).Should().HaveCount(100);
    }

    [Fact]
    public async Task Stops_reading_at_the_limit()
    {
        var source = new CountingSource(1_000);
        await using var ahead = new ReadAhead<int>(source.ReadAsync(), capacity: 100, limit: 11, CancellationToken.None);

        var items = await DrainAsync(ahead);

        items.Should().Equal(Enumerable.Range(0, 11));
        source.Read.Should().Be(11);
    }

    [Fact]
    public async Task A_source_failure_reaches_the_consumer_after_the_items_before_it()
    {
        await using var ahead = new ReadAhead<int>(FailingAfter(3), capacity: 10, limit: null, CancellationToken.None);
        var items = new List<int>();

        var drain = async () =>
        {
            while (await ahead.NextAsync(CancellationToken.None) is (true, var item))
            {
                items.Add(item);
            }
        };

        await drain.Should().ThrowAsync<InvalidOperationException>().WithMessage("page 2 failed");
        items.Should().Equal(0, 1, 2);
    }

    [Fact]
    public async Task Disposing_stops_the_source_and_waits_for_it()
    {
        var source = new CountingSource(int.MaxValue);
        var ahead = new ReadAhead<int>(source.ReadAsync(), capacity: 4, limit: null, CancellationToken.None);
        (await ahead.NextAsync(CancellationToken.None)).Should().Be((true, 0));

        await ahead.DisposeAsync();

        source.Disposed.Should().BeTrue("the source's enumerator is disposed before DisposeAsync returns");
        var readAtDispose = source.Read;
        await Task.Delay(20);
        source.Read.Should().Be(readAtDispose);
    }

    private static async Task<List<int>> DrainAsync(ReadAhead<int> ahead)
    {
        var items = new List<int>();
        while (await ahead.NextAsync(CancellationToken.None) is (true, var item))
        {
            items.Add(item);
        }

        return items;
    }

    private static async IAsyncEnumerable<int> Range(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 100 == 0)
            {
                await Task.Yield();
            }

            yield return i;
        }
    }

    private static async IAsyncEnumerable<int> FailingAfter(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }

        throw new InvalidOperationException("page 2 failed");
    }

    private sealed class CountingSource(int count)
    {
        private int _read;

        public int Read => Volatile.Read(ref _read);

        public bool Disposed { get; private set; }

        public async Task WaitForReadsAsync(int reads)
        {
            while (Read < reads)
            {
                await Task.Delay(1);
            }
        }

        public async IAsyncEnumerable<int> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await Task.Yield();
                    Interlocked.Increment(ref _read);
                    yield return i;
                }
            }
            finally
            {
                Disposed = true;
            }
        }
    }
}
