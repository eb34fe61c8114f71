using CrmSync.Core.Contacts;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>The records of one CRM changed by bronze rows since the last unify, as their updated snapshots, and the new bronze cursor.</summary>
/// <param name="Touched">Records whose snapshot changed (every record read, when resuming an execution), by source id.</param>
/// <param name="NextCursor">The highest bronze ingest_seq consumed (the old cursor when nothing was new).</param>
internal sealed record SnapshotBatch(IReadOnlyDictionary<string, ContactSnapshot> Touched, long NextCursor, long VersionsRead, long RowsWritten);
