using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>A <see cref="UnifiedContact"/> as a silver.contacts_unified row and back: one column per unified field
/// (normalized value), the pushed text and the winner per field in maps.</summary>
internal sealed class UnifiedRowMapper(FieldMappingSet mappings, StructType schema)
{
    private static readonly string[] Header = ["unified_contact_id", "hubspot_id", "dynamics_id", "is_deleted", "updated_at", "unify_seq", "run_id",
        "field_texts", "field_winners", "state_hash"];

    /// <summary>Ordinals of <see cref="Header"/>, then of each field by ordinal name (unify writes a row per person touched).</summary>
    private readonly int[] _ordinals = [.. Header.Select(schema.IndexOf), .. mappings.SortedByName.Select(f => schema.IndexOf(f.Name))];

    public Row ToRow(UnifiedContact contact, DateTimeOffset updatedAt, long unifySeq, string runId)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var values = new object?[schema.Count];
        values[_ordinals[0]] = contact.UnifiedContactId;
        values[_ordinals[1]] = contact.HubSpotId;
        values[_ordinals[2]] = contact.DynamicsId;
        values[_ordinals[3]] = contact.IsDeleted;
        values[_ordinals[4]] = updatedAt;
        values[_ordinals[5]] = unifySeq;
        values[_ordinals[6]] = runId;
        var fields = mappings.SortedByName;
        var texts = new List<KeyValuePair<object, object?>>();
        var winners = new List<KeyValuePair<object, object?>>(fields.Count);
        var state = new UnifiedStateHash();
        state.Add(contact.HubSpotId);
        state.Add(contact.DynamicsId);
        state.Add(contact.IsDeleted);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Name;
            var value = contact.Fields.GetValueOrDefault(name) ?? UnifiedField.Empty;
            values[_ordinals[Header.Length + i]] = value.Value;
            var text = value.Text is not null && value.Text != value.Value ? value.Text : null;
            if (text is not null)
            {
                texts.Add(new(name, text));
            }

            var winner = FieldWinners.Of(value.Origin);
            winners.Add(new(name, winner));
            state.Add(name);
            state.Add(value.Value);
            state.Add(text);
            state.Add(winner);
        }

        values[_ordinals[7]] = texts;
        values[_ordinals[8]] = winners;
        values[_ordinals[9]] = state.Value;
        return new Row(schema, values);
    }

    /// <summary>What unify reads of a person's existing row: whether its state changed is in state_hash.</summary>
    public static IReadOnlyList<string> StateColumns { get; } = ["unified_contact_id", "state_hash", "updated_at"];

    /// <summary>The columns <see cref="ToContactValues"/> needs: all but the field_texts and field_winners maps, whose
    /// decoding is the dearest part of reading a row.</summary>
    public IReadOnlyList<string> ValueColumns => _readColumns.Columns;

    private readonly ColumnOrdinals _readColumns = new(["unified_contact_id", "hubspot_id", "dynamics_id", "is_deleted", .. mappings.Fields.Select(f => f.Name)]);

    public UnifiedContact ToContact(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ToContact(row, ByField(row["field_texts"]), ByField(row["field_winners"]));
    }

    /// <summary>The contact from a row read with <see cref="ValueColumns"/>: each field's Text is its Value and its origin
    /// is unknown (None). Only for a stage that uses the values alone (scd2); what is pushed needs <see cref="ToContact"/>.</summary>
    public UnifiedContact ToContactValues(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ToContact(row, null, null);
    }

    private UnifiedContact ToContact(Row row, string?[]? texts, string?[]? winners)
    {
        var ordinals = _readColumns.In(row.Schema);

        var mapped = mappings.Fields;
        var fields = new UnifiedField[mapped.Count];
        for (var i = 0; i < mapped.Count; i++)
        {
            var value = (string?)row[ordinals[4 + i]];
            var text = texts?[i] ?? value;
            var origin = FieldWinners.Parse(winners?[i]);
            fields[i] = value is null && text is null && origin == FieldOrigin.None ? UnifiedField.Empty : new UnifiedField(value, text, origin, null);
        }

        return new UnifiedContact((string)row[ordinals[0]]!, new FieldDictionary<UnifiedField>(mappings.Names, fields), (string?)row[ordinals[1]],
            (string?)row[ordinals[2]], (bool)row[ordinals[3]]!);
    }

    /// <summary>A map column's values by field ordinal, null where it has no entry (null for an empty map); names that
    /// are not mapped fields are left out.</summary>
    private string?[]? ByField(object? map)
    {
        if (map is not IReadOnlyList<KeyValuePair<object, object?>> { Count: > 0 } pairs)
        {
            return null;
        }

        var values = new string?[mappings.Names.Count];
        foreach (var (key, value) in pairs)
        {
            if (mappings.Names.TryGetOrdinal((string)key, out var ordinal))
            {
                values[ordinal] = (string?)value;
            }
        }

        return values;
    }

    /// <summary>True when two rows hold the same person state (ids, values, winners, deletion): for rows written before
    /// state_hash existed.</summary>
    public bool SameState(Row a, Row b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        string[] fixedColumns = ["hubspot_id", "dynamics_id"];
        return fixedColumns.Concat(mappings.Fields.Select(f => f.Name)).All(c => string.Equals((string?)a[c], (string?)b[c], StringComparison.Ordinal))
            && (bool)a["is_deleted"]! == (bool)b["is_deleted"]!
            && ReadMap(a["field_winners"]).OrderBy(k => k.Key, StringComparer.Ordinal).SequenceEqual(ReadMap(b["field_winners"]).OrderBy(k => k.Key, StringComparer.Ordinal))
            && ReadMap(a["field_texts"]).OrderBy(k => k.Key, StringComparer.Ordinal).SequenceEqual(ReadMap(b["field_texts"]).OrderBy(k => k.Key, StringComparer.Ordinal));
    }

    public static Dictionary<string, string?> ReadMap(object? value)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (value is IReadOnlyList<KeyValuePair<object, object?>> pairs)
        {
            foreach (var (key, item) in pairs)
            {
                map[(string)key] = (string?)item;
            }
        }

        return map;
    }
}
