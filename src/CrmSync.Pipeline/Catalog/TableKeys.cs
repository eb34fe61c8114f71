namespace CrmSync.Pipeline.Catalog;

/// <summary>The key (grain) of every table: unique and not null, checked by the data tests.</summary>
public static class TableKeys
{
    private static readonly Dictionary<string, string[]> Keys = new(StringComparer.Ordinal)
    {
        [TableNames.HubSpotRaw] = ["run_id", "source_id"],
        [TableNames.DynamicsRaw] = ["run_id", "source_id"],
        [TableNames.HubSpotSnapshot] = ["source_id"],
        [TableNames.DynamicsSnapshot] = ["source_id"],
        [TableNames.Crosswalk] = ["source_system", "source_id"],
        [TableNames.CrosswalkConflicts] = ["source_system", "source_id"],
        [TableNames.Unified] = ["unified_contact_id"],
        [TableNames.FieldConflicts] = ["unified_contact_id", "field"],
        [TableNames.Scd2] = ["unified_contact_id", "valid_from"],
        [TableNames.HubSpotOutbox] = ["outbox_id"],
        [TableNames.DynamicsOutbox] = ["outbox_id"],
        [TableNames.Watermarks] = ["stream"],
        [TableNames.AuditLog] = ["run_id", "call_seq"],
        [TableNames.DeadLetter] = ["system", "outbox_id"],
        [TableNames.SyncRuns] = ["run_id", "stage"],
    };

    public static IReadOnlyList<string> Of(string table) => Keys[table];
}
