using System.Globalization;
using System.Text.Json;
using CrmSync.Lake.Storage;

namespace CrmSync.Pipeline.Locking;

/// <summary>
/// The lake's run lock: an exclusive lease that every writing invocation (stage verbs, <c>run</c>) holds, so two overlapping
/// runs never both write or push. It lives in the lake as generations <c>_crmsync/run-lock/&lt;generation&gt;.json</c>, each
/// created with the store's atomic put-if-absent and never overwritten; the highest generation is the lock's state.
/// Acquiring, renewing, releasing and breaking all write the next generation, so of two processes acting on the same
/// state exactly one wins: two acquirers both seeing an expired lease both try generation N+1, and the loser reads the
/// winner. Older generations are deleted after each write; a writer then confirms that no higher generation exists
/// (its own could otherwise re-create a deleted one).
/// </summary>
public sealed class RunLock(IObjectStore store, TimeProvider clock, RunLockOptions options)
{
    public const string Prefix = "_crmsync/run-lock/";

    private const int MaxRaces = 8;
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public RunLockOptions Options { get; } = options;

    /// <summary>The lock's latest generation (held, expired or released), or null when the lake never had one.</summary>
    public async Task<RunLockRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var generation = await LatestGenerationAsync(cancellationToken).ConfigureAwait(false);
            if (generation == 0)
            {
                return null;
            }

            try
            {
                var bytes = await store.ReadAllAsync(Key(generation), cancellationToken).ConfigureAwait(false);
                return JsonSerializer.Deserialize<RunLockRecord>(bytes, Json)
                    ?? throw new InvalidDataException($"Run lock generation {Key(generation)} is empty.");
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException && attempt < MaxRaces)
            {
                // A newer generation's writer deleted this one between the listing and the read: list again.
            }
        }
    }

    /// <summary>Takes the lock for <paramref name="owner"/>; waits up to <see cref="RunLockOptions.Wait"/> while another
    /// invocation holds it, then throws <see cref="RunLockedException"/> naming that holder. An expired lease (its holder
    /// crashed or hung) is taken over; <see cref="HeldRunLock.Previous"/> then names it.</summary>
    public async Task<HeldRunLock> AcquireAsync(RunLockOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var deadline = clock.GetUtcNow() + Options.Wait;
        while (true)
        {
            var (record, holder) = await TryAcquireAsync(owner, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                return new HeldRunLock(this, clock, record, holder);
            }

            var remaining = deadline - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new RunLockedException(holder!);
            }

            await Task.Delay(remaining < Options.RenewEvery ? remaining : Options.RenewEvery, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Breaks the lock by hand (<c>crmsync unlock</c>): writes a released generation over whatever holds it. Returns
    /// the lease broken, or null when none was held or expired-but-unreleased. A holder still running notices at its next
    /// renewal and stops.</summary>
    public async Task<RunLockRecord?> BreakAsync(string brokenBy, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxRaces; attempt++)
        {
            var current = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (current is null || current.ReleasedAt is not null)
            {
                return null;
            }

            var broken = current with { Generation = current.Generation + 1, ReleasedAt = clock.GetUtcNow(), ReleasedBy = brokenBy };
            if (await TryWriteAsync(broken, cancellationToken).ConfigureAwait(false))
            {
                return current;
            }
        }

        throw new IOException($"Could not break the run lock under {Prefix}: it kept changing ({MaxRaces} attempts).");
    }

    /// <summary>Writes <paramref name="record"/> as its generation unless that generation exists; on success deletes the
    /// older generations and confirms it is still the newest.</summary>
    internal async Task<bool> TryWriteAsync(RunLockRecord record, CancellationToken cancellationToken)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(record, Json);
        if (!await store.PutIfAbsentAsync(Key(record.Generation), content, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var generations = await GenerationsAsync(cancellationToken).ConfigureAwait(false);
        if (generations.Any(g => g > record.Generation))
        {
            // Our generation had been deleted by a writer already past it: we re-created a stale one, and lost.
            return false;
        }

        foreach (var older in generations.Where(g => g < record.Generation))
        {
            await store.DeleteAsync(Key(older), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private async Task<(RunLockRecord? Acquired, RunLockRecord? Holder)> TryAcquireAsync(RunLockOwner owner, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxRaces; attempt++)
        {
            var current = await ReadAsync(cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            if (current is not null && current.IsHeldAt(now))
            {
                return (null, current);
            }

            var mine = new RunLockRecord((current?.Generation ?? 0) + 1, Guid.NewGuid().ToString("N"), owner, now, now, now + Options.TimeToLive);
            if (await TryWriteAsync(mine, cancellationToken).ConfigureAwait(false))
            {
                return (mine, current);
            }
        }

        throw new IOException($"Could not take the run lock under {Prefix}: it kept changing ({MaxRaces} attempts).");
    }

    private async Task<long> LatestGenerationAsync(CancellationToken cancellationToken)
    {
        var generations = await GenerationsAsync(cancellationToken).ConfigureAwait(false);
        return generations.Count == 0 ? 0 : generations.Max();
    }

    private async Task<List<long>> GenerationsAsync(CancellationToken cancellationToken)
    {
        var generations = new List<long>();
        await foreach (var info in store.ListAsync(Prefix, cancellationToken).ConfigureAwait(false))
        {
            var name = info.Key[Prefix.Length..];
            if (name.EndsWith(".json", StringComparison.Ordinal)
                && long.TryParse(name[..^".json".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            {
                generations.Add(generation);
            }
        }

        return generations;
    }

    private static string Key(long generation) => Prefix + generation.ToString("D20", CultureInfo.InvariantCulture) + ".json";
}
