using System.Runtime.CompilerServices;
using CrmSync.Connectors.Common;
using CrmSync.Connectors.HubSpot;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>HubSpot contacts modified in the window (search, sliced by id across the 10k cap), then the archived ones
/// archived in the window (search never returns archived contacts, and deletes must reach silver).</summary>
internal sealed class HubSpotSourceReader(HubSpotClient client) : ISourceReader
{
    public bool OrderedByTime => false;

    public string? NextCursor => null;

    public long? PagesRead => null;

    public long? EstimatedTotal { get; private set; }

    public async IAsyncEnumerable<CrmRecord> ReadAsync(IngestWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var from = window.From ?? DateTimeOffset.UnixEpoch;
        EstimatedTotal = await client.CountModifiedAsync(from, window.To, cancellationToken).ConfigureAwait(false);
        await foreach (var record in client.ReadModifiedAsync(from, window.To, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }

        await foreach (var record in client.ReadArchivedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (record.ModifiedAt >= from && record.ModifiedAt <= window.To)
            {
                yield return record;
            }
        }
    }

    public void Dispose() => client.Dispose();
}
