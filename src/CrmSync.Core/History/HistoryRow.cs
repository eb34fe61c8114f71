namespace CrmSync.Core.History;

/// <summary>
/// One version of a person (silver contact_history grain: one row per unified contact per version;
/// key unified_contact_id + valid_from). Valid for valid_from &lt;= t &lt; valid_to; valid_to null = open.
/// </summary>
/// <param name="Values">Normalized unified values by field name.</param>
public sealed record HistoryRow(
    string UnifiedContactId,
    string Checksum,
    IReadOnlyDictionary<string, string?> Values,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo,
    bool IsCurrent)
{
    public bool IsValidAt(DateTimeOffset instant) => ValidFrom <= instant && (ValidTo is null || instant < ValidTo);
}
