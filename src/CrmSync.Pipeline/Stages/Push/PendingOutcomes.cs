using CrmSync.Connectors.Common;
using CrmSync.Lake;
using CrmSync.Pipeline.Audit;

namespace CrmSync.Pipeline.Stages.Push;

/// <summary>Sent rows and their results not yet recorded; flushing writes them and the audit rows of their calls.</summary>
internal sealed class PendingOutcomes(PushOutcomeWriter writer, AuditTrail audit)
{
    private readonly List<Row> _rows = [];
    private readonly List<RecordWriteResult> _results = [];

    public int Count => _rows.Count;

    public void Add(IReadOnlyList<Row> batch, IReadOnlyList<RecordWriteResult> results)
    {
        _rows.AddRange(batch);
        _results.AddRange(results);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_rows.Count > 0)
        {
            await writer.WriteAsync(_rows, _results, cancellationToken).ConfigureAwait(false);
            _rows.Clear();
            _results.Clear();
        }

        await audit.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
