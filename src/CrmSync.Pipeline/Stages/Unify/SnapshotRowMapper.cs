using CrmSync.Core;
using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Normalization;
using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>
/// Converts between one CRM's rows (bronze versions, silver snapshot rows) and Core's contact types. Snapshot
/// rows keep the raw values as the CRM returned them; normalized values are recomputed on read, and the per-field
/// change times travel in the field_changed_at map (by unified field name).
/// </summary>
internal sealed class SnapshotRowMapper(SourceSystem system, FieldMappingSet mappings, FieldValueNormalizer normalizer, StructType snapshotSchema)
{
    private readonly IReadOnlyList<string> _sourceColumns = [.. mappings.Fields.Select(f => f.SourceName(system)).Distinct(StringComparer.OrdinalIgnoreCase)];

    public SourceSystem System => system;

    /// <summary>A bronze row (any projection holding the mapped columns) as the source version it records.</summary>
    public SourceContact ToSourceContact(Row bronze)
    {
        ArgumentNullException.ThrowIfNull(bronze);
        var values = new Dictionary<string, string?>(_sourceColumns.Count, StringComparer.Ordinal);
        foreach (var column in _sourceColumns)
        {
            values[column] = (string?)bronze[column];
        }

        return new SourceContact(system, (string)bronze["source_id"]!, (DateTimeOffset)bronze["source_updated_at"]!, (bool)bronze["is_deleted"]!, values)
        {
            CreatedAt = (DateTimeOffset?)bronze["source_created_at"],
        };
    }

    private static readonly IReadOnlyDictionary<string, DateTimeOffset?> NoChangeTimes = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);

    /// <summary>A snapshot row as a <see cref="ContactSnapshot"/> (normalized values, change times) plus its raw values.
    /// A row read without field_changed_at gives fields without change times.</summary>
    public (ContactSnapshot Snapshot, SnapshotExtras Extras) ToSnapshot(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var changedAt = row.Schema.TryIndexOf("field_changed_at") is var ordinal and >= 0 ? ReadMap(row[ordinal]) : NoChangeTimes;
        var raw = new Dictionary<string, string?>(_sourceColumns.Count, StringComparer.Ordinal);
        foreach (var column in _sourceColumns)
        {
            raw[column] = (string?)row[column];
        }

        var fields = new Dictionary<string, FieldState>(mappings.Fields.Count, StringComparer.Ordinal);
        foreach (var field in mappings.Fields)
        {
            var normalized = normalizer.Normalize(field, raw[field.SourceName(system)]);
            fields[field.Name] = new FieldState(normalized.Value, normalized.Text, changedAt.GetValueOrDefault(field.Name));
        }

        var snapshot = new ContactSnapshot(system, (string)row["source_id"]!, (DateTimeOffset)row["source_updated_at"]!,
            (DateTimeOffset?)row["source_created_at"], (bool)row["is_deleted"]!, fields);
        return (snapshot, new SnapshotExtras(raw, (DateTimeOffset)row["first_seen_at"]!));
    }

    public Row ToRow(ContactSnapshot snapshot, SnapshotExtras extras, string runId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(extras);
        var row = new RowDraft(snapshotSchema)
        {
            ["source_id"] = snapshot.SourceId,
            ["source_updated_at"] = snapshot.UpdatedAt,
            ["source_created_at"] = snapshot.CreatedAt,
            ["is_deleted"] = snapshot.IsDeleted,
            ["field_changed_at"] = snapshot.Fields
                .Where(f => f.Value.ChangedAt is not null)
                .OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new KeyValuePair<object, object?>(f.Key, f.Value.ChangedAt))
                .ToList(),
            ["first_seen_at"] = extras.FirstSeenAt,
            ["last_run_id"] = runId,
        };
        foreach (var (column, value) in extras.Raw)
        {
            row[column] = value;
        }

        return row.ToRow();
    }

    private static IReadOnlyDictionary<string, DateTimeOffset?> ReadMap(object? value)
    {
        if (value is not IReadOnlyList<KeyValuePair<object, object?>> pairs)
        {
            return NoChangeTimes;
        }

        var map = new Dictionary<string, DateTimeOffset?>(pairs.Count, StringComparer.Ordinal);
        foreach (var (key, at) in pairs)
        {
            map[(string)key] = (DateTimeOffset?)at;
        }

        return map;
    }
}
