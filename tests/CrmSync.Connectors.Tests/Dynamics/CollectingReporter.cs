using System.Collections.Concurrent;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>Keeps every call report for assertions.</summary>
internal sealed class CollectingReporter : IApiCallReporter
{
    private readonly ConcurrentQueue<ApiCallReport> _reports = new();

    public IReadOnlyList<ApiCallReport> Reports => [.. _reports];

    public void Report(ApiCallReport report) => _reports.Enqueue(report);
}
