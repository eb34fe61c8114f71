namespace CrmSync.Sandbox.HubSpot;

/// <summary>
/// A stored contact. Seeded contacts keep only their seed ordinal and derive their values from the
/// generator on demand, so a million seeded contacts cost a few dozen bytes each until edited.
/// </summary>
internal sealed class HubSpotContact
{
    public required long Id { get; init; }

    public required long CreatedMs { get; init; }

    public long ModifiedMs { get; set; }

    public long? ArchivedMs { get; set; }

    /// <summary>Seed ordinal while the values are still the generated ones; -1 once materialized.</summary>
    public int SeedOrdinal { get; set; } = -1;

    /// <summary>Values by <see cref="HubSpotContactSchema.Writable"/> position; null while seeded.</summary>
    public string?[]? Values { get; set; }

    public ModifiedKey Key => new(ModifiedMs, Id);
}
