namespace CrmSync.Pipeline.Runs;

/// <summary>One row of meta.watermarks: how far a stream has been read.</summary>
/// <param name="Stream">e.g. hubspot.contacts, or the bronze table a silver stage consumes.</param>
/// <param name="Value">Highest source time read minus the lookback (null for cursor-only streams).</param>
/// <param name="Cursor">Opaque position: a Dynamics delta link, or the last bronze ingest_seq consumed.</param>
public sealed record Watermark(string Stream, DateTimeOffset? Value, string? Cursor, DateTimeOffset UpdatedAt, string RunId);
