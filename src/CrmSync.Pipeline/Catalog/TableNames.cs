using CrmSync.Core;

namespace CrmSync.Pipeline.Catalog;

/// <summary>The dotted names (layer.table) of every table; the folder is layer/table under the lake root.</summary>
public static class TableNames
{
    public const string HubSpotRaw = "bronze.hubspot_contacts_raw";
    public const string DynamicsRaw = "bronze.dynamics_contacts_raw";
    public const string HubSpotSnapshot = "silver.hubspot_contacts_snapshot";
    public const string DynamicsSnapshot = "silver.dynamics_contacts_snapshot";
    public const string Crosswalk = "silver.id_crosswalk_contacts";
    public const string CrosswalkConflicts = "silver.crosswalk_conflicts";
    public const string Unified = "silver.contacts_unified";
    public const string FieldConflicts = "silver.field_conflicts";
    public const string Scd2 = "silver.contacts_scd2";
    public const string HubSpotOutbox = "gold.hubspot_outbox_contacts";
    public const string DynamicsOutbox = "gold.dynamics_outbox_contacts";
    public const string Watermarks = "meta.watermarks";
    public const string AuditLog = "meta.audit_log";
    public const string DeadLetter = "meta.dead_letter";
    public const string SyncRuns = "meta.sync_runs";

    public static IReadOnlyList<string> All { get; } =
    [
        HubSpotRaw, DynamicsRaw, HubSpotSnapshot, DynamicsSnapshot, Crosswalk, CrosswalkConflicts, Unified,
        FieldConflicts, Scd2, HubSpotOutbox, DynamicsOutbox, Watermarks, AuditLog, DeadLetter, SyncRuns,
    ];

    /// <summary>Tables only ever appended to; every other table is merged into by key.</summary>
    public static IReadOnlySet<string> AppendOnly { get; } = new HashSet<string>(StringComparer.Ordinal) { HubSpotRaw, DynamicsRaw, AuditLog };

    public static string Raw(SourceSystem system) => system == SourceSystem.HubSpot ? HubSpotRaw : DynamicsRaw;

    public static string Snapshot(SourceSystem system) => system == SourceSystem.HubSpot ? HubSpotSnapshot : DynamicsSnapshot;

    public static string Outbox(SourceSystem system) => system == SourceSystem.HubSpot ? HubSpotOutbox : DynamicsOutbox;

    /// <summary>The table's folder relative to the lake root: "silver/contacts_unified".</summary>
    public static string RelativePath(string dottedName) => dottedName.Replace('.', '/');
}
