using System.Threading.Channels;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>
/// Reads a source ahead of its consumer, up to <c>capacity</c> items, on another thread: ingest's bronze work (hashing,
/// the lookback check, writing) then runs while the next pages are fetched and parsed, instead of after them. Nothing
/// is committed by reading ahead, so a crash or a failure leaves the same state as before: the consumer decides what is
/// written. At most <c>limit</c> items are read, so a run cut short by --max-records does not fetch pages it will not
/// use. A failure of the source reaches the consumer at the item where it happened; disposing stops the reading and
/// waits for it, so the source is never used after the consumer is gone.
/// </summary>
internal sealed class ReadAhead<T> : IAsyncDisposable
{
    private readonly Channel<T> _channel;
    private readonly CancellationTokenSource _stop;
    private readonly Task _reading;

    public ReadAhead(IAsyncEnumerable<T> source, int capacity, long? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _reading = Task.Run(() => ReadAsync(source, limit, _stop.Token), CancellationToken.None);
    }

    /// <summary>The next item, or false at the end of the source (or of the limit); throws what the source threw.</summary>
    public async ValueTask<(bool Found, T Item)> NextAsync(CancellationToken cancellationToken)
    {
        if (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && _channel.Reader.TryRead(out var item))
        {
            return (true, item);
        }

        return (false, default!);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Never throws: a failure completes the channel, so the consumer meets it in order.</summary>
    private async Task ReadAsync(IAsyncEnumerable<T> source, long? limit, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            long read = 0;
            await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await _channel.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                if (++read >= limit)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            _channel.Writer.TryComplete(failure);
        }
    }
}
