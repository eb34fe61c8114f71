namespace CrmSync.Pipeline.Locking;

/// <summary>
/// The run lock while this invocation holds it. A background loop renews the lease every
/// <see cref="RunLockOptions.RenewEvery"/>; when a renewal finds that someone else wrote the next generation (a takeover
/// after this lease expired, or <c>crmsync unlock</c>), <see cref="Lost"/> is cancelled so the stage stops. Disposing
/// releases the lease (also after a failure or cancellation), so the next invocation need not wait for it to expire.
/// </summary>
public sealed class HeldRunLock : IAsyncDisposable
{
    private readonly RunLock _lock;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;
    private RunLockRecord _current;
    private bool _released;

    internal HeldRunLock(RunLock runLock, TimeProvider clock, RunLockRecord acquired, RunLockRecord? previous)
    {
        _lock = runLock;
        _clock = clock;
        _current = acquired;
        Previous = previous;
        _renewals = RenewPeriodicallyAsync();
    }

    /// <summary>The lease as last written by this holder.</summary>
    public RunLockRecord Current => _current;

    /// <summary>The generation this lease followed: an expired, unreleased one means a holder that died was taken over.</summary>
    public RunLockRecord? Previous { get; }

    /// <summary>True when the lease followed an expired one that was never released.</summary>
    public bool TookOver => Previous is { ReleasedAt: null };

    /// <summary>Cancelled once the lease is found taken over or broken.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Who wrote the generation that ended this lease (null while held).</summary>
    public RunLockRecord? Successor { get; private set; }

    /// <summary>Extends the lease by <see cref="RunLockOptions.TimeToLive"/> from now, and records the stage reached when
    /// given. Throws <see cref="RunLockLostException"/> (and cancels <see cref="Lost"/>) when the lease is no longer ours.</summary>
    public async Task RenewAsync(string? stage = null, CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfLost();
            var now = _clock.GetUtcNow();
            var next = _current with
            {
                Generation = _current.Generation + 1,
                Owner = stage is null ? _current.Owner : _current.Owner with { Stage = stage },
                RenewedAt = now,
                ExpiresAt = now + _lock.Options.TimeToLive,
            };
            if (await _lock.TryWriteAsync(next, cancellationToken).ConfigureAwait(false))
            {
                _current = next;
                return;
            }

            var latest = await _lock.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (latest is not null && latest.Token == _current.Token && latest.ReleasedAt is null)
            {
                // An earlier write of ours landed although it reported a failure: the lease is still ours.
                _current = latest;
                return;
            }

            Successor = latest;
            await _lost.CancelAsync().ConfigureAwait(false);
            ThrowIfLost();
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Gives the lease back (a released generation), unless it was already lost. Idempotent.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_released || _lost.IsCancellationRequested)
            {
                return;
            }

            _released = true;
            // When the write loses, someone else already wrote after us: nothing of ours is left to release.
            await _lock.TryWriteAsync(_current with { Generation = _current.Generation + 1, ReleasedAt = _clock.GetUtcNow() }, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Released with no token: a cancelled run must still give the lake back.
        await ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        await _renewals.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _lost.Dispose();
        _writing.Dispose();
    }

    private void ThrowIfLost()
    {
        if (_lost.IsCancellationRequested)
        {
            throw new RunLockLostException(_current.Owner.Stage, Successor);
        }
    }

    private async Task RenewPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(_lock.Options.RenewEvery, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await RenewAsync(cancellationToken: _stop.Token).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // A store hiccup: the lease outlives several missed renewals; try again at the next tick.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Released.
        }
        catch (RunLockLostException)
        {
            // Lost is cancelled; the stage stops.
        }
    }
}
