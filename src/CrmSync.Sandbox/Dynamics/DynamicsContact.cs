namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// One contact row as the emulator stores it. Immutable: every write replaces the row, so a page
/// being serialised never sees a half-applied update.
/// </summary>
/// <param name="ContactId">Primary key.</param>
/// <param name="Attributes">Column values by logical name: string, int (picklists), bool, Guid (lookups) or null.</param>
/// <param name="CreatedOn">Set once, second precision like Dataverse.</param>
/// <param name="ModifiedOn">Advanced by every write, second precision like Dataverse.</param>
/// <param name="VersionNumber">Row version (also the change-tracking stamp and the ETag).</param>
public sealed record DynamicsContact(
    Guid ContactId,
    IReadOnlyDictionary<string, object?> Attributes,
    DateTimeOffset CreatedOn,
    DateTimeOffset ModifiedOn,
    long VersionNumber)
{
    public object? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;
}
