namespace CrmSync.Sandbox.Seeding;

/// <summary>
/// One generated person as a CRM user would have entered them. Values are CRM-neutral; each
/// emulator maps them to its own fields (lifecycle stage uses HubSpot's internal values).
/// </summary>
/// <param name="PersonIndex">Identity of the person across both CRMs: equal index = same human.</param>
/// <param name="CreatedAgo">Age of the record at seeding time.</param>
/// <param name="ModifiedAgo">Time since the last edit at seeding time (never more than <paramref name="CreatedAgo"/>).</param>
public sealed record SeedPerson(
    long PersonIndex,
    string FirstName,
    string LastName,
    string? Email,
    string? Phone,
    string? MobilePhone,
    string JobTitle,
    string Company,
    string Street,
    string City,
    string State,
    string Zip,
    string Country,
    string LifecycleStage,
    bool EmailOptOut,
    TimeSpan CreatedAgo,
    TimeSpan ModifiedAgo);
