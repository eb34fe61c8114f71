using CrmSync.Core;
using CrmSync.Core.Contacts;
using CrmSync.Lake;
using CrmSync.Pipeline.Stages.Unify;

namespace CrmSync.Pipeline.Stages.Deltas;

/// <summary>
/// The SUCCESS-but-not-yet-read-back window: a push succeeded, but the target's snapshot still holds what was read
/// before it. Comparing against that stale snapshot would emit the same delta again. Rule: when the target's last
/// SUCCESS outbox row was pushed after the snapshot's version was modified, the values it pushed (field_values)
/// count as the target's current values. Once the next ingest reads the record back (modified at or after the
/// push), the snapshot wins again; a record created by push and not yet ingested is its pushed values alone.
/// </summary>
internal static class ReadBackOverlay
{
    public static ContactSnapshot? Apply(SourceSystem system, string? targetId, ContactSnapshot? snapshot, Row? lastSuccess)
    {
        if (targetId is null || lastSuccess is null)
        {
            return snapshot;
        }

        var pushedAt = (DateTimeOffset)lastSuccess["updated_at"]!;
        if (snapshot is not null && (snapshot.UpdatedAt >= pushedAt || snapshot.IsDeleted))
        {
            return snapshot;
        }

        var pushed = UnifiedRowMapper.ReadMap(lastSuccess["field_values"]);
        var fields = new Dictionary<string, FieldState>(snapshot?.Fields ?? new Dictionary<string, FieldState>(), StringComparer.Ordinal);
        foreach (var (field, value) in pushed)
        {
            fields[field] = new FieldState(value, value, pushedAt);
        }

        return snapshot is not null
            ? snapshot with { Fields = fields }
            : new ContactSnapshot(system, targetId, pushedAt, null, false, fields);
    }
}
