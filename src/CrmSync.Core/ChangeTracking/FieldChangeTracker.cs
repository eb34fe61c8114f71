using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Normalization;

namespace CrmSync.Core.ChangeTracking;

/// <summary>
/// Applies a new source version to a record's snapshot and keeps per-field change times: an
/// unchanged normalized value keeps its time (a cosmetic edit such as re-formatting a phone is no
/// change); a changed one takes the version's updated_at; a field empty since first sight has none.
/// latest_wins survivorship relies on these.
/// </summary>
public sealed class FieldChangeTracker
{
    private readonly FieldMappingSet _mappings;
    private readonly FieldValueNormalizer _normalizer;

    public FieldChangeTracker(FieldMappingSet mappings, FieldValueNormalizer normalizer)
    {
        _mappings = mappings;
        _normalizer = normalizer;
    }

    /// <param name="previous">The record's snapshot before this version; null on first sight.</param>
    /// <param name="version">The version just read. A property absent from its values was not read and keeps its previous state.</param>
    public SnapshotUpdate Apply(ContactSnapshot? previous, SourceContact version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (previous is not null && version.UpdatedAt < previous.UpdatedAt)
        {
            return new SnapshotUpdate(previous, [], [], IsStale: true);
        }

        var mapped = _mappings.Fields;
        var sourceNames = _mappings.SourceNames(version.System);
        var fields = new FieldState[mapped.Count];
        List<string>? changed = null;
        List<FieldValueIssue>? issues = null;
        for (var i = 0; i < mapped.Count; i++)
        {
            var field = mapped[i];
            var before = previous?.Fields.GetValueOrDefault(field.Name);
            var sourceName = sourceNames[i];
            if (!version.Values.TryGetValue(sourceName, out var raw))
            {
                fields[i] = before ?? FieldState.Empty;
                continue;
            }

            var normalized = _normalizer.Normalize(field, raw);
            if (normalized.Problem is not null)
            {
                (issues ??= []).Add(new FieldValueIssue(version.Key, field.Name, sourceName, normalized.Problem));
            }

            var valueChanged = before is null
                ? normalized.Value is not null
                : !string.Equals(before.Value, normalized.Value, StringComparison.Ordinal);
            if (valueChanged)
            {
                (changed ??= new List<string>(mapped.Count)).Add(field.Name);
            }

            var changedAt = valueChanged ? version.UpdatedAt : before?.ChangedAt;
            fields[i] = FieldState.Of(normalized.Value, normalized.Text, changedAt);
        }

        var snapshot = new ContactSnapshot(version.System, version.Id, version.UpdatedAt,
            version.CreatedAt ?? previous?.CreatedAt, version.IsDeleted, new FieldDictionary<FieldState>(_mappings.Names, fields));
        return new SnapshotUpdate(snapshot, changed ?? [], issues ?? [], IsStale: false);
    }
}
