using CrmSync.Pipeline.Progress;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>Tells the host's progress sink how far an ingest has read: whenever the source has finished another page,
/// or every <see cref="RecordsPerReport"/> records when the client hides its pages; and once more when reading ends.</summary>
internal sealed class IngestProgress(IStageProgressSink sink, string stage, TimeProvider clock)
{
    /// <summary>HubSpot's search page size, so a page-less source reports about as often as a paged one.</summary>
    private const int RecordsPerReport = 100;

    private readonly long _started = clock.GetTimestamp();
    private long? _reportedPages;
    private bool _reported;

    /// <summary>Called before each record is counted, with the records counted so far; reports only at page boundaries.</summary>
    public void BeforeRecord(long read, long? pages, long? estimatedTotal)
    {
        var due = pages is null ? read % RecordsPerReport == 0 : !_reported || pages != _reportedPages;
        if (due)
        {
            Report(read, pages, estimatedTotal);
        }
    }

    public void Finished(long read, long? pages, long? estimatedTotal) => Report(read, pages, estimatedTotal);

    private void Report(long read, long? pages, long? estimatedTotal)
    {
        _reported = true;
        _reportedPages = pages;
        sink.Report(new StageProgress(stage, read, pages, clock.GetElapsedTime(_started), estimatedTotal));
    }
}
