using CrmSync.Core.Contacts;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>The records of one CRM seen in bronze since the last unify, as their updated snapshots, and the new bronze cursor.</summary>
/// <param name="Touched">Every record with a bronze row since the cursor (changed or not), by source id.</param>
/// <param name="NextCursor">The highest bronze ingest_seq consumed (the old cursor when nothing was new).</param>
internal sealed record SnapshotBatch(IReadOnlyDictionary<string, ContactSnapshot> Touched, long NextCursor, long VersionsRead, long RowsWritten);
