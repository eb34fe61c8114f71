namespace CrmSync.Pipeline.Operations.Reporting;

/// <summary>One `crmsync run` (or lone stage run) as the report charts it: its stages taken together.</summary>
/// <param name="ApiCalls">API calls recorded in meta.audit_log for the run.</param>
/// <param name="ApiErrors">Of those, answered with an error status or not answered at all.</param>
public sealed record RunSummary(
    string RunId,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    bool Failed,
    long RecordsRead,
    long RecordsPushed,
    long PushFailures,
    long ApiCalls,
    long ApiErrors)
{
    /// <summary>Records read per second of run time.</summary>
    public double Throughput => Duration.TotalSeconds > 0 ? RecordsRead / Duration.TotalSeconds : 0;

    /// <summary>Failed pushes over attempted pushes (0 when nothing was pushed).</summary>
    public double PushErrorRate => RecordsPushed + PushFailures > 0 ? (double)PushFailures / (RecordsPushed + PushFailures) : 0;
}
