namespace CrmSync.Pipeline.Tests.Support;

/// <summary>
/// The system clock plus an offset a test moves forward, so a push backoff (next_attempt_at) elapses at once instead
/// of racing a sleep. Only the pipeline runs on it; the emulators keep real time, as the CRMs would.
/// </summary>
internal sealed class ShiftableClock : TimeProvider
{
    private TimeSpan _offset;

    public void Advance(TimeSpan by) => _offset += by;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
