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
/// change times travel in the field_changed_at map (by unified field name). Unify converts every record it touches,
/// so columns are found by ordinal (once per schema) and a record's fields are <see cref="FieldDictionary{T}"/>s.
/// </summary>
internal sealed class SnapshotRowMapper
{
    private const string ChangeTimesColumn = "field_changed_at";

    private static readonly IReadOnlyDictionary<string, DateTimeOffset?> NoChangeTimes = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);

    private readonly FieldMappingSet _mappings;
    private readonly FieldValueNormalizer _normalizer;
    private readonly StructType _snapshotSchema;
    private readonly FieldKeys _sourceColumns;
    private readonly IReadOnlyList<string> _sourceNames;
    private readonly IReadOnlyList<string> _namesInOrder;

    /// <summary>The source columns, then <see cref="Header"/>: what a version and a snapshot row are read from.</summary>
    private readonly ColumnOrdinals _readColumns;

    /// <summary>Ordinals in the snapshot schema of the source columns, then <see cref="Header"/>, the change times,
    /// first_seen_at and last_run_id.</summary>
    private readonly int[] _writeOrdinals;

    private static readonly string[] Header = ["source_id", "source_updated_at", "source_created_at", "is_deleted"];

    public SnapshotRowMapper(SourceSystem system, FieldMappingSet mappings, FieldValueNormalizer normalizer, StructType snapshotSchema)
    {
        System = system;
        _mappings = mappings;
        _normalizer = normalizer;
        _snapshotSchema = snapshotSchema;
        _sourceColumns = mappings.SourceColumns(system);
        _sourceNames = mappings.SourceNames(system);
        _namesInOrder = [.. mappings.SortedByName.Select(f => f.Name)];
        _readColumns = new ColumnOrdinals([.. _sourceColumns.Names, .. Header]);
        _writeOrdinals = [.. _readColumns.Columns.Select(snapshotSchema.IndexOf), snapshotSchema.IndexOf(ChangeTimesColumn),
            snapshotSchema.IndexOf("first_seen_at"), snapshotSchema.IndexOf("last_run_id")];
    }

    public SourceSystem System { get; }

    /// <summary>A bronze row (any projection holding the mapped columns) as the source version it records.</summary>
    public SourceContact ToSourceContact(Row bronze)
    {
        ArgumentNullException.ThrowIfNull(bronze);
        var ordinals = _readColumns.In(bronze.Schema);
        var columns = _sourceColumns.Count;
        var values = new string?[columns];
        for (var i = 0; i < columns; i++)
        {
            values[i] = (string?)bronze[ordinals[i]];
        }

        return new SourceContact(System, (string)bronze[ordinals[columns]]!, (DateTimeOffset)bronze[ordinals[columns + 1]]!,
            (bool)bronze[ordinals[columns + 3]]!, new FieldDictionary<string?>(_sourceColumns, values))
        {
            CreatedAt = (DateTimeOffset?)bronze[ordinals[columns + 2]],
        };
    }

    /// <summary>A snapshot row as a <see cref="ContactSnapshot"/> (normalized values, change times) plus its raw values.
    /// A row read without field_changed_at gives fields without change times.</summary>
    public (ContactSnapshot Snapshot, SnapshotExtras Extras) ToSnapshot(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var ordinals = _readColumns.In(row.Schema);
        var changedAt = row.Schema.TryIndexOf(ChangeTimesColumn) is var changeTimes and >= 0 ? ReadMap(row[changeTimes]) : NoChangeTimes;
        var columns = _sourceColumns.Count;
        var rawValues = new string?[columns];
        for (var i = 0; i < columns; i++)
        {
            rawValues[i] = (string?)row[ordinals[i]];
        }

        var raw = new FieldDictionary<string?>(_sourceColumns, rawValues);
        var mapped = _mappings.Fields;
        var fields = new FieldState[mapped.Count];
        for (var i = 0; i < mapped.Count; i++)
        {
            var normalized = _normalizer.Normalize(mapped[i], raw[_sourceNames[i]]);
            fields[i] = FieldState.Of(normalized.Value, normalized.Text, changedAt.GetValueOrDefault(mapped[i].Name));
        }

        var snapshot = new ContactSnapshot(System, (string)row[ordinals[columns]]!, (DateTimeOffset)row[ordinals[columns + 1]]!,
            (DateTimeOffset?)row[ordinals[columns + 2]], (bool)row[ordinals[columns + 3]]!, new FieldDictionary<FieldState>(_mappings.Names, fields));
        return (snapshot, new SnapshotExtras(raw, (DateTimeOffset)row["first_seen_at"]!));
    }

    public Row ToRow(ContactSnapshot snapshot, SnapshotExtras extras, string runId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(extras);
        var values = new object?[_snapshotSchema.Count];
        var columns = _sourceColumns.Count;
        for (var i = 0; i < columns; i++)
        {
            values[_writeOrdinals[i]] = extras.Raw.GetValueOrDefault(_sourceColumns.Names[i]);
        }

        values[_writeOrdinals[columns]] = snapshot.SourceId;
        values[_writeOrdinals[columns + 1]] = snapshot.UpdatedAt;
        values[_writeOrdinals[columns + 2]] = snapshot.CreatedAt;
        values[_writeOrdinals[columns + 3]] = snapshot.IsDeleted;
        values[_writeOrdinals[columns + 4]] = ChangeTimes(snapshot);
        values[_writeOrdinals[columns + 5]] = extras.FirstSeenAt;
        values[_writeOrdinals[columns + 6]] = runId;
        return new Row(_snapshotSchema, values);
    }

    /// <summary>field_changed_at: the mapped fields' change times by name. Fields changed by one version share its time,
    /// so each distinct time is boxed once.</summary>
    private List<KeyValuePair<object, object?>> ChangeTimes(ContactSnapshot snapshot)
    {
        var times = new List<KeyValuePair<object, object?>>(_namesInOrder.Count);
        object? boxed = null;
        var boxedAt = default(DateTimeOffset);
        foreach (var name in _namesInOrder)
        {
            if (snapshot.Fields.GetValueOrDefault(name)?.ChangedAt is not { } at)
            {
                continue;
            }

            if (boxed is null || !at.EqualsExact(boxedAt))
            {
                (boxed, boxedAt) = (at, at);
            }

            times.Add(new KeyValuePair<object, object?>(name, boxed));
        }

        return times;
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
