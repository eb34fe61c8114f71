namespace CrmSync.Sandbox.Seeding;

/// <summary>
/// How an emulator is seeded. The same seed and options give the same people in both emulators,
/// so the shared (overlapping) contacts match across HubSpot and Dynamics.
/// </summary>
public sealed record SeedOptions
{
    /// <summary>Contacts seeded into one emulator.</summary>
    public int Count { get; init; } = 1_000;

    /// <summary>Fraction of each side's contacts that are the same people in both CRMs.</summary>
    public double OverlapFraction { get; init; } = 0.3;

    /// <summary>Fraction of contacts that reuse another contact's email (Dynamics allows duplicates).</summary>
    public double DuplicateEmailFraction { get; init; } = 0.02;

    /// <summary>Fraction of contacts without an email.</summary>
    public double NoEmailFraction { get; init; } = 0.05;

    /// <summary>Fraction of contacts with one invalid value (malformed email or phone).</summary>
    public double InvalidValueFraction { get; init; } = 0.02;

    /// <summary>Oldest creation time of a seeded contact, counted back from the emulator's clock.</summary>
    public TimeSpan History { get; init; } = TimeSpan.FromDays(730);

    public int Seed { get; init; } = 42;

    /// <summary>Throws when a fraction is outside [0, 1] or the count is negative.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Count);
        CheckFraction(OverlapFraction, nameof(OverlapFraction));
        CheckFraction(DuplicateEmailFraction, nameof(DuplicateEmailFraction));
        CheckFraction(NoEmailFraction, nameof(NoEmailFraction));
        CheckFraction(InvalidValueFraction, nameof(InvalidValueFraction));
        if (History < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(History), History, "History must not be negative.");
        }
    }

    private static void CheckFraction(double value, string name)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 0 and 1.");
        }
    }
}
