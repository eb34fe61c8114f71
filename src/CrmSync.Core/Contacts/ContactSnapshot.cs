namespace CrmSync.Core.Contacts;

/// <summary>
/// The current state of one source record (silver snapshot grain: one row per CRM record), with
/// normalized values and per-field change times keyed by unified field name.
/// </summary>
public sealed record ContactSnapshot(
    SourceSystem System,
    string SourceId,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CreatedAt,
    bool IsDeleted,
    IReadOnlyDictionary<string, FieldState> Fields)
{
    public SourceKey Key => new(System, SourceId);

    /// <summary>The normalized value of <paramref name="field"/>, null when empty or not mapped.</summary>
    public string? ValueOf(string field) => Fields.TryGetValue(field, out var state) ? state.Value : null;
}
