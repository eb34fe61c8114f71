using CrmSync.Core;
using CrmSync.Core.Configuration;
using CrmSync.Lake.Protocol;

namespace CrmSync.Pipeline.Catalog;

/// <summary>
/// The column layout of every table (docs/tables.md). Source tables get one string column per mapped
/// CRM property/attribute; unified tables one per unified field, so analysts query plain columns.
/// </summary>
public sealed class TableSchemas
{
    private static readonly PrimitiveType S = PrimitiveType.String;
    private static readonly PrimitiveType Ts = PrimitiveType.Timestamp;
    private readonly Dictionary<string, StructType> _schemas = new(StringComparer.Ordinal);

    public TableSchemas(FieldMappingSet mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        Mappings = mappings;
        foreach (var system in new[] { SourceSystem.HubSpot, SourceSystem.Dynamics })
        {
            var mapped = SourceColumns(system).Select(c => new StructField(c, S)).ToList();
            _schemas[TableNames.Raw(system)] = new StructType(
                [
                    Required("source_id", S), Required("source_updated_at", Ts), new("source_created_at", Ts), Required("is_deleted", PrimitiveType.Boolean),
                    .. mapped,
                    new("payload", S), Required("run_id", S), Required("ingest_seq", PrimitiveType.Long), Required("ingested_at", Ts),
                    // Last, where setup adds it to a lake made before it: new and upgraded lakes share one layout.
                    new("payload_hash", PrimitiveType.Long),
                ]);
            _schemas[TableNames.Snapshot(system)] = new StructType(
                [
                    Required("source_id", S), Required("source_updated_at", Ts), new("source_created_at", Ts), Required("is_deleted", PrimitiveType.Boolean),
                    .. mapped,
                    new("field_changed_at", new MapType(S, Ts)), Required("first_seen_at", Ts), Required("last_run_id", S),
                ]);
            _schemas[TableNames.Outbox(system)] = new StructType(
                Required("outbox_id", S), Required("idempotency_key", S), Required("unified_contact_id", S), new("target_id", S),
                Required("operation", S), Required("payload", S), new("changed_fields", new ArrayType(S)), new("field_values", new MapType(S, S)),
                Required("status", S), Required("attempts", PrimitiveType.Integer), new("last_error", S), new("next_attempt_at", Ts), new("first_failed_at", Ts),
                Required("created_at", Ts), Required("updated_at", Ts), Required("run_id", S), new("push_run_id", S));
        }

        var unifiedFields = mappings.SortedByName.Select(f => new StructField(f.Name, S)).ToList();
        _schemas[TableNames.Crosswalk] = new StructType(
            Required("unified_contact_id", S), Required("source_system", S), Required("source_id", S), Required("match_method", S),
            new("match_email", S), Required("linked_at", Ts), Required("run_id", S));
        _schemas[TableNames.CrosswalkConflicts] = new StructType(
            Required("source_system", S), Required("source_id", S), new("match_email", S), Required("reason", S), new("message", S),
            new("related_unified_contact_ids", new ArrayType(S)), Required("detected_at", Ts), Required("run_id", S));
        _schemas[TableNames.Unified] = new StructType(
            [
                Required("unified_contact_id", S), new("hubspot_id", S), new("dynamics_id", S),
                .. unifiedFields,
                new("field_texts", new MapType(S, S)), new("field_winners", new MapType(S, S)), Required("is_deleted", PrimitiveType.Boolean),
                Required("updated_at", Ts), Required("unify_seq", PrimitiveType.Long), Required("run_id", S),
                // Last, where setup adds it to a lake made before it: new and upgraded lakes share one layout.
                new("state_hash", PrimitiveType.Long),
            ]);
        _schemas[TableNames.FieldConflicts] = new StructType(
            Required("unified_contact_id", S), Required("field", S), new("hubspot_value", S), new("dynamics_value", S), Required("status", S),
            new("override_value", S), Required("detected_at", Ts), new("resolved_at", Ts), Required("run_id", S));
        _schemas[TableNames.Scd2] = new StructType(
            [
                Required("unified_contact_id", S),
                .. unifiedFields,
                Required("checksum", S), Required("valid_from", Ts), new("valid_to", Ts), Required("is_current", PrimitiveType.Boolean),
                Required("is_deleted", PrimitiveType.Boolean), Required("run_id", S),
            ]);
        _schemas[TableNames.Watermarks] = new StructType(
            Required("stream", S), new("watermark", Ts), new("cursor", S), Required("updated_at", Ts), Required("run_id", S));
        _schemas[TableNames.AuditLog] = new StructType(
            Required("run_id", S), Required("call_seq", PrimitiveType.Long), Required("stage", S), Required("system", S), Required("operation", S),
            new("method", S), new("path", S), new("status", PrimitiveType.Integer), new("records", PrimitiveType.Integer), new("latency_ms", PrimitiveType.Long),
            new("attempt", PrimitiveType.Integer), new("correlation_id", S), new("error_code", S), Required("at", Ts));
        _schemas[TableNames.DeadLetter] = new StructType(
            Required("system", S), Required("outbox_id", S), Required("unified_contact_id", S), new("target_id", S), new("operation", S),
            new("payload", S), new("error", S), new("error_code", S), Required("attempts", PrimitiveType.Integer), Required("first_failed_at", Ts),
            Required("last_failed_at", Ts), Required("status", S), new("resolution", S), new("resolved_at", Ts));
        _schemas[TableNames.SyncRuns] = new StructType(
            Required("run_id", S), Required("stage", S), Required("sequence", PrimitiveType.Long), Required("started_at", Ts), new("ended_at", Ts),
            Required("status", S), new("parameters", S), new("records_read", PrimitiveType.Long), new("records_created", PrimitiveType.Long),
            new("records_updated", PrimitiveType.Long), new("records_failed", PrimitiveType.Long), new("records_skipped", PrimitiveType.Long),
            new("error", S));
    }

    public FieldMappingSet Mappings { get; }

    public StructType this[string table] => _schemas[table];

    /// <summary>The mapped CRM names in <paramref name="system"/>'s records (HubSpot properties / Dynamics read names), in field order.</summary>
    public IReadOnlyList<string> SourceColumns(SourceSystem system) =>
        [.. Mappings.Fields.Select(f => f.SourceName(system)).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static StructField Required(string name, DataType type) => new(name, type, nullable: false);
}
