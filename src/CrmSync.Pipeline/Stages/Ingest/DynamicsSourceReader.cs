using System.Runtime.CompilerServices;
using CrmSync.Connectors.Common;
using CrmSync.Connectors.Dynamics;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>Dynamics contacts since the watermark (modifiedon order) or the change-tracking delta link (which also reports deletes).</summary>
internal sealed class DynamicsSourceReader(DynamicsClient client, bool changeTracking) : ISourceReader
{
    public bool OrderedByTime => !changeTracking;

    public string? NextCursor { get; private set; }

    public long? PagesRead { get; private set; } = 0;

    /// <summary>Dataverse gives no count with paged or change-tracking reads.</summary>
    public long? EstimatedTotal => null;

    public async IAsyncEnumerable<CrmRecord> ReadAsync(IngestWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        DynamicsReadCursor? cursor = changeTracking
            ? window.Cursor is { } saved && saved.StartsWith("delta:", StringComparison.Ordinal) ? DynamicsReadCursor.Parse(saved) : null
            : window.From is { } from ? DynamicsReadCursor.Watermark(from) : null;
        await foreach (var page in client.ReadContactsAsync(cursor, cancellationToken).ConfigureAwait(false))
        {
            foreach (var record in page.Records)
            {
                yield return record;
            }

            PagesRead++;
            if (page.NextCursor is { DeltaLink: not null } next)
            {
                NextCursor = next.ToString();
            }
        }
    }

    public void Dispose() => client.Dispose();
}
