namespace CrmSync.Sandbox.Seeding;

/// <summary>Which emulator a seeded person goes to; decides side-only variations (formats, duplicates).</summary>
public enum SeedSide
{
    HubSpot,
    Dynamics,
}
