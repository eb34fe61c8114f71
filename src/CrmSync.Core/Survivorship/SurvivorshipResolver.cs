using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Normalization;

namespace CrmSync.Core.Survivorship;

/// <summary>
/// Decides each field of one person from their current HubSpot and Dynamics records by the field's
/// rule: hubspot_wins, dynamics_wins, latest_wins (the CRM where the field changed last; HubSpot on
/// an exact tie) or manual. One-way fields take their source CRM's value. An empty value never beats
/// a non-empty one unless the field has empty_wins. Deleted records take no part.
/// </summary>
public sealed class SurvivorshipResolver
{
    private readonly FieldMappingSet _mappings;
    private readonly FieldValueNormalizer _normalizer;

    public SurvivorshipResolver(FieldMappingSet mappings, FieldValueNormalizer normalizer)
    {
        _mappings = mappings;
        _normalizer = normalizer;
    }

    /// <param name="unifiedContactId">The person.</param>
    /// <param name="hubspot">Their linked HubSpot record's snapshot, if any.</param>
    /// <param name="dynamics">Their linked Dynamics record's snapshot, if any.</param>
    /// <param name="overrides">Decisions for manual fields by unified field name.</param>
    public SurvivorshipResult Resolve(
        string unifiedContactId,
        ContactSnapshot? hubspot,
        ContactSnapshot? dynamics,
        IReadOnlyDictionary<string, ManualOverride>? overrides = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(unifiedContactId);
        var liveHubSpot = hubspot is { IsDeleted: false } ? hubspot : null;
        var liveDynamics = dynamics is { IsDeleted: false } ? dynamics : null;
        var mapped = _mappings.Fields;
        var fields = new UnifiedField[mapped.Count];
        List<FieldConflict>? conflicts = null;
        for (var i = 0; i < mapped.Count; i++)
        {
            var field = mapped[i];
            var h = liveHubSpot?.Fields.GetValueOrDefault(field.Name);
            var d = liveDynamics?.Fields.GetValueOrDefault(field.Name);
            var unified = Decide(field, h, d, overrides?.GetValueOrDefault(field.Name));
            if (unified.Origin == FieldOrigin.Unresolved)
            {
                (conflicts ??= []).Add(new FieldConflict(unifiedContactId, field.Name, h?.Value, d?.Value, h?.ChangedAt, d?.ChangedAt));
            }

            fields[i] = unified;
        }

        var isDeleted = (hubspot is not null || dynamics is not null) && liveHubSpot is null && liveDynamics is null;
        var contact = new UnifiedContact(unifiedContactId, new FieldDictionary<UnifiedField>(_mappings.Names, fields), hubspot?.SourceId, dynamics?.SourceId, isDeleted);
        return new SurvivorshipResult(contact, conflicts ?? []);
    }

    private UnifiedField Decide(FieldMapping field, FieldState? h, FieldState? d, ManualOverride? decision)
    {
        if (h is null || d is null)
        {
            return h is not null ? From(h, FieldOrigin.HubSpot)
                : d is not null ? From(d, FieldOrigin.Dynamics)
                : UnifiedField.Empty;
        }

        var hubspotFirst = field.Direction switch
        {
            SyncDirection.ToDynamics => true,
            SyncDirection.ToHubSpot => false,
            _ => field.Conflict switch
            {
                ConflictRule.HubSpotWins => true,
                ConflictRule.DynamicsWins => false,
                _ => Later(h, d) != FieldOrigin.Dynamics,
            },
        };

        if (field.Direction == SyncDirection.Bi && field.Conflict == ConflictRule.Manual
            && !string.Equals(h.Value, d.Value, StringComparison.Ordinal)
            && (field.EmptyWins || (h.Value is not null && d.Value is not null)))
        {
            return Overridden(field, h, d, decision) ?? UnifiedField.Unresolved;
        }

        var (preferred, preferredOrigin, other, otherOrigin) = hubspotFirst
            ? (h, FieldOrigin.HubSpot, d, FieldOrigin.Dynamics)
            : (d, FieldOrigin.Dynamics, h, FieldOrigin.HubSpot);
        return preferred.Value is not null || other.Value is null || field.EmptyWins
            ? From(preferred, preferredOrigin)
            : From(other, otherOrigin);
    }

    /// <summary>The override's value while no CRM changed the field after it was set.</summary>
    private UnifiedField? Overridden(FieldMapping field, FieldState h, FieldState d, ManualOverride? decision)
    {
        if (decision is null || decision.SetAt < (h.ChangedAt ?? DateTimeOffset.MinValue) || decision.SetAt < (d.ChangedAt ?? DateTimeOffset.MinValue))
        {
            return null;
        }

        var value = _normalizer.Normalize(field, decision.Value);
        return new UnifiedField(value.Value, value.Text, FieldOrigin.ManualOverride, decision.SetAt);
    }

    private static FieldOrigin Later(FieldState h, FieldState d) =>
        (d.ChangedAt ?? DateTimeOffset.MinValue) > (h.ChangedAt ?? DateTimeOffset.MinValue) ? FieldOrigin.Dynamics : FieldOrigin.HubSpot;

    /// <summary>The state as the surviving value; a field never filled has no origin, a cleared one keeps it.</summary>
    private static UnifiedField From(FieldState state, FieldOrigin origin) =>
        state.Value is null && state.ChangedAt is null ? UnifiedField.Empty : new UnifiedField(state.Value, state.Text, origin, state.ChangedAt);
}
