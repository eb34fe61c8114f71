using System.Collections.Concurrent;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Tests.Common;

/// <summary>Keeps every call report, in order.</summary>
public sealed class RecordingReporter : IApiCallReporter
{
    private readonly ConcurrentQueue<ApiCallReport> _reports = new();

    public IReadOnlyList<ApiCallReport> Reports => [.. _reports];

    public void Report(ApiCallReport report) => _reports.Enqueue(report);
}
