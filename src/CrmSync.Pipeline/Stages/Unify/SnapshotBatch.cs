using CrmSync.Core.Contacts;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>The records of one CRM changed by a slice of bronze rows, as their updated snapshots.</summary>
/// <param name="Touched">Records whose snapshot changed (every record read, when resuming an execution), by source id.</param>
internal sealed record SnapshotBatch(IReadOnlyDictionary<string, ContactSnapshot> Touched, long VersionsRead, long RowsWritten);
