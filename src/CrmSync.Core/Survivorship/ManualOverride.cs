namespace CrmSync.Core.Survivorship;

/// <summary>
/// A person's decision for a manual field of one contact. It holds until either CRM changes the
/// field after <paramref name="SetAt"/>: a newer edit is a new disagreement needing a new decision.
/// </summary>
/// <param name="Field">Unified field name.</param>
/// <param name="Value">The chosen value as text (any form the field's type accepts); null to clear.</param>
/// <param name="SetAt">When the decision was made.</param>
public sealed record ManualOverride(string Field, string? Value, DateTimeOffset SetAt);
