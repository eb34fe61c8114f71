using CrmSync.Connectors.Common;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>A Singer-style stream of one CRM's contacts for an ingest window.</summary>
internal interface ISourceReader : IDisposable
{
    /// <summary>True when records arrive in modification-time order, so a run cut short by --max-records may
    /// still move the watermark up to the last record read.</summary>
    bool OrderedByTime { get; }

    /// <summary>The change-tracking cursor to persist, known once the read has run to its end; null otherwise.</summary>
    string? NextCursor { get; }

    /// <summary>Source pages fully read so far; null when the client streams records without exposing its pages.</summary>
    long? PagesRead { get; }

    /// <summary>Records the window holds, when the source tells before reading (for an ETA); null otherwise.</summary>
    long? EstimatedTotal { get; }

    IAsyncEnumerable<CrmRecord> ReadAsync(IngestWindow window, CancellationToken cancellationToken);
}
