using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// One page of an incremental read. Records stream page by page; the cursor to persist arrives on
/// the last page (null before it), so a run that stops midway re-reads from the old cursor.
/// </summary>
/// <param name="Records">New or changed contacts, and (change tracking) deleted ones with IsDeleted.</param>
/// <param name="NextCursor">Set on the last page only: where the next run starts.</param>
/// <param name="IsFullRead">True when this read returns every contact (first read, or the delta token had expired):
/// contacts the caller knows but that do not appear may have been deleted.</param>
public sealed record DynamicsContactPage(IReadOnlyList<CrmRecord> Records, DynamicsReadCursor? NextCursor, bool IsFullRead);
