using System.Globalization;
using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;

namespace CrmSync.Core.History;

/// <summary>
/// Plans SCD type 2 history for changed contacts: a new version only when the checksum changes; a
/// deleted contact closes its current row. Only the given contacts are touched, so a run costs what
/// changed, and replanning the same states at the same instant plans nothing (crash-safe rerun).
/// </summary>
public sealed class Scd2Planner
{
    private readonly FieldMappingSet _mappings;

    public Scd2Planner(FieldMappingSet mappings)
    {
        _mappings = mappings;
    }

    /// <param name="currentRows">The open row of each contact that has one, by unified id (at least those of <paramref name="changed"/>).</param>
    /// <param name="changed">The contacts' new states, one per unified id.</param>
    /// <param name="asOf">When the new states took effect; must be after each affected current row's valid_from.</param>
    public Scd2Plan Plan(IReadOnlyDictionary<string, HistoryRow> currentRows, IEnumerable<UnifiedContact> changed, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(currentRows);
        ArgumentNullException.ThrowIfNull(changed);
        var toClose = new List<HistoryRow>();
        var toInsert = new List<HistoryRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var contact in changed)
        {
            if (!seen.Add(contact.UnifiedContactId))
            {
                throw new ArgumentException($"Contact {contact.UnifiedContactId} appears twice in one history plan.", nameof(changed));
            }

            var current = currentRows.GetValueOrDefault(contact.UnifiedContactId);
            var checksum = contact.IsDeleted ? null : ContactChecksum.Compute(contact, _mappings);
            if (current is not null && string.Equals(current.Checksum, checksum, StringComparison.Ordinal))
            {
                continue;
            }

            if (current is not null)
            {
                if (asOf <= current.ValidFrom)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"Contact {contact.UnifiedContactId}: new version at {asOf:O} is not after its current version's valid_from {current.ValidFrom:O}."), nameof(asOf));
                }

                toClose.Add(current with { ValidTo = asOf, IsCurrent = false });
            }

            if (checksum is not null)
            {
                toInsert.Add(new HistoryRow(contact.UnifiedContactId, checksum, Values(contact), asOf, null, true));
            }
        }

        return new Scd2Plan(toClose, toInsert);
    }

    private FieldDictionary<string?> Values(UnifiedContact contact)
    {
        var mapped = _mappings.Fields;
        var values = new string?[mapped.Count];
        for (var i = 0; i < mapped.Count; i++)
        {
            values[i] = contact.Fields.TryGetValue(mapped[i].Name, out var unified) ? unified.Value : null;
        }

        return new FieldDictionary<string?>(_mappings.Names, values);
    }
}
