namespace CrmSync.Pipeline.Catalog;

/// <summary>
/// The columns of each table that get a key filter per data file (the Lake's key index): merge keys and the columns
/// stages look keys up by (<see cref="KeyLookup"/>). Those keys are random (GUIDs, CRM ids, emails), so min/max stats
/// skip no file; with the filters, an incremental merge or lookup reads only the files that may hold its keys.
/// Bronze is read by ingest_seq ranges and the meta tables are small: they have none.
/// </summary>
public static class KeyIndexes
{
    public static IReadOnlyList<string> Of(string table) => table switch
    {
        TableNames.HubSpotSnapshot or TableNames.DynamicsSnapshot or TableNames.CrosswalkConflicts => ["source_id"],
        TableNames.Crosswalk => ["source_id", "match_email", "unified_contact_id"],
        TableNames.Unified or TableNames.FieldConflicts or TableNames.Scd2 => ["unified_contact_id"],
        TableNames.HubSpotOutbox or TableNames.DynamicsOutbox => ["outbox_id", "unified_contact_id"],
        _ => [],
    };
}
