using System.Diagnostics;
using CrmSync.Connectors.Common;

namespace CrmSync.Cli.Bench.Connectors;

/// <summary>
/// Counts a client's API calls and the 429s among them from its call reports, and when each call
/// completed (counted from the counter's creation). Token calls are left out: they go to the
/// identity endpoint, which no CRM request budget covers.
/// </summary>
public sealed class CallCounter : IApiCallReporter
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _completions = [];
    private int _throttled;

    public int Requests
    {
        get
        {
            lock (_gate) return _completions.Count;
        }
    }

    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>When the <paramref name="count"/>-th call completed (or the last one, when fewer were made).</summary>
    public TimeSpan CompletedAfter(int count)
    {
        lock (_gate) return _completions.Count == 0 ? TimeSpan.Zero : _completions[Math.Min(count, _completions.Count) - 1];
    }

    public void Report(ApiCallReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Operation == "token") return;
        var completed = Stopwatch.GetElapsedTime(_started);
        lock (_gate) _completions.Add(completed);
        if (report.Status == 429) Interlocked.Increment(ref _throttled);
    }
}
