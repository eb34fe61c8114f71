using System.Collections.Concurrent;
using CrmSync.Pipeline.Progress;

namespace CrmSync.Pipeline.Tests.Support;

/// <summary>Keeps every progress report, in order.</summary>
internal sealed class CollectingProgressSink : IStageProgressSink
{
    private readonly ConcurrentQueue<StageProgress> _reports = new();

    public IReadOnlyList<StageProgress> Reports => [.. _reports];

    public void Report(StageProgress progress) => _reports.Enqueue(progress);
}
