namespace CrmSync.Core.Contacts;

/// <summary>One field of a source record in silver.</summary>
/// <param name="Value">Normalized value, compared across CRMs; null when empty.</param>
/// <param name="Text">The value as the user typed it (trimmed), pushed for text-like fields so
/// formatting such as "(555) 010-2000" survives; null when empty.</param>
/// <param name="ChangedAt">When the normalized value last changed; null while the field has been empty
/// since the record was first seen (an empty field nobody ever filled is not a "clearing").</param>
public sealed record FieldState(string? Value, string? Text, DateTimeOffset? ChangedAt)
{
    /// <summary>A field empty since the record was first seen.</summary>
    public static FieldState Empty { get; } = new(null, null, null);

    /// <summary>The state, shared as <see cref="Empty"/> when it is empty: records have many empty fields.</summary>
    public static FieldState Of(string? value, string? text, DateTimeOffset? changedAt) =>
        value is null && text is null && changedAt is null ? Empty : new(value, text, changedAt);
}
