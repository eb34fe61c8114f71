namespace CrmSync.Core.Contacts;

/// <summary>One surviving field value of a unified contact.</summary>
/// <param name="Value">Normalized value; null when empty or unresolved.</param>
/// <param name="Text">The winning CRM's text for text-like fields (what is pushed).</param>
/// <param name="Origin">Which CRM (or person) the value came from.</param>
/// <param name="ChangedAt">Change time of the winning value in its CRM.</param>
public sealed record UnifiedField(string? Value, string? Text, FieldOrigin Origin, DateTimeOffset? ChangedAt)
{
    public static UnifiedField Empty { get; } = new(null, null, FieldOrigin.None, null);

    public static UnifiedField Unresolved { get; } = new(null, null, FieldOrigin.Unresolved, null);
}
