namespace CrmSync.Core.Survivorship;

/// <summary>
/// A manual field the CRMs disagree on (gold field_conflicts grain: one row per contact and field).
/// Nothing is pushed for the field until the values agree or a <see cref="ManualOverride"/> is set.
/// </summary>
public sealed record FieldConflict(
    string UnifiedContactId,
    string Field,
    string? HubSpotValue,
    string? DynamicsValue,
    DateTimeOffset? HubSpotChangedAt,
    DateTimeOffset? DynamicsChangedAt);
