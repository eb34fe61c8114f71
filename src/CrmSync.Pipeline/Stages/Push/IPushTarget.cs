using CrmSync.Connectors.Common;
using CrmSync.Lake;

namespace CrmSync.Pipeline.Stages.Push;

/// <summary>Sends a batch of outbox rows to one CRM; exactly one result per row, keyed by outbox_id.</summary>
internal interface IPushTarget : IDisposable
{
    /// <summary>Rows per call of <see cref="SendAsync"/>.</summary>
    int BatchSize { get; }

    /// <summary>Set once a daily quota ran out: results with <see cref="PushOutcome.NotSent"/> were not sent and stay PENDING.</summary>
    CrmQuotaExhaustedException? QuotaStop { get; }

    Task<IReadOnlyList<RecordWriteResult>> SendAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken);
}
