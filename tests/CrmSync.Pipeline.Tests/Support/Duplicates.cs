using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.HubSpot;

namespace CrmSync.Pipeline.Tests.Support;

/// <summary>Records the sync created (after <c>since</c>) that share an email with another record of the same CRM: a
/// create made twice, or a create of a person already there. Seeded duplicates are the CRM users' own and not counted.</summary>
internal static class Duplicates
{
    public static IReadOnlyList<string> CreatedInHubSpot(HubSpotEmulator hubspot, DateTimeOffset since)
    {
        var all = hubspot.GetAll(includeArchived: false);
        var byEmail = all.Where(c => c.Properties.GetValueOrDefault("email") is not null)
            .GroupBy(c => c.Properties["email"]!.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Count());
        return [.. all.Where(c => c.CreatedAt >= since && c.Properties.GetValueOrDefault("email") is { } email && byEmail[email.ToUpperInvariant()] > 1)
            .Select(c => c.Properties["email"]!)];
    }

    public static IReadOnlyList<string> CreatedInDynamics(DynamicsEmulator dynamics, DateTimeOffset since)
    {
        var all = dynamics.GetAll();
        var byEmail = all.Where(c => c["emailaddress1"] is string).GroupBy(c => ((string)c["emailaddress1"]!).ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Count());
        return [.. all.Where(c => c.CreatedOn >= since.AddSeconds(-1) && c["emailaddress1"] is string email && byEmail[email.ToUpperInvariant()] > 1)
            .Select(c => (string)c["emailaddress1"]!)];
    }
}
