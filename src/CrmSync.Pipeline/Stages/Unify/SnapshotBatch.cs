using CrmSync.Core.Contacts;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>The records of one CRM changed by a slice of bronze rows, as their updated snapshots.</summary>
/// <param name="Touched">Records whose snapshot changed (every record read, when resuming an execution), by source id.</param>
/// <param name="Current">The touched records' snapshots and every other snapshot the update read (records of the slice
/// that did not change, the people's other records), as they stand after the update, by source id.</param>
internal sealed record SnapshotBatch(IReadOnlyDictionary<string, ContactSnapshot> Touched, IReadOnlyDictionary<string, ContactSnapshot> Current,
    long VersionsRead, long RowsWritten);
