using System.Globalization;
using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.HubSpot;

namespace CrmSync.Cli.Demo;

/// <summary>
/// Edits both CRMs as their users would between two syncs: one-sided edits, the same field edited
/// differently on both sides (under each conflict rule of the shipped field_mappings.yaml), new contacts
/// on both sides, one with an email HubSpot refuses and one with no email. Deterministic for a given
/// list of linked people.
/// </summary>
internal static class DemoUsers
{
    private static readonly (string City, string State, string Zip)[] Moves =
    [
        ("Portland", "OR", "97201"), ("Austin", "TX", "73301"), ("Denver", "CO", "80202"), ("Raleigh", "NC", "27601"),
    ];

    /// <param name="linked">(HubSpot id, Dynamics id) of people present in both CRMs, in a stable order.</param>
    public static DemoEdits Edit(HubSpotEmulator hubspot, DynamicsEmulator dynamics, IReadOnlyList<(long HubSpotId, Guid DynamicsId)> linked)
    {
        ArgumentNullException.ThrowIfNull(hubspot);
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(linked);
        var share = Math.Max(1, linked.Count / 40);
        var slices = Enumerable.Range(0, 7).Select(k => linked.Skip(k * share).Take(share).ToList()).ToList();
        int hubspotEdits = 0, dynamicsEdits = 0, conflicting = 0;

        // A HubSpot user records that people moved (city, state, postal code: latest_wins).
        foreach (var ((id, _), i) in slices[0].Select((p, i) => (p, i)))
        {
            var move = Moves[i % Moves.Length];
            hubspot.Update(id, Props(("city", move.City), ("state", move.State), ("zip", move.Zip)));
            hubspotEdits++;
        }

        // The service desk verifies phone numbers in Dynamics.
        foreach (var ((_, id), i) in slices[1].Select((p, i) => (p, i)))
        {
            dynamics.Update(id, Attrs(("telephone1", Phone(2060000 + i))));
            dynamicsEdits++;
        }

        // Marketing unsubscribes people in HubSpot.
        foreach (var (id, _) in slices[2])
        {
            hubspot.Update(id, Props(("hs_email_optout", "true")));
            hubspotEdits++;
        }

        // Sales marks customers in Dynamics, but lifecycle_stage is hubspot_wins: HubSpot's value comes back.
        foreach (var (_, id) in slices[3])
        {
            dynamics.Update(id, Attrs(("new_lifecyclestage", 100000005)));
            dynamicsEdits++;
        }

        // Both sides retitle the same people differently: job_title is manual, so these stay open conflicts.
        foreach (var (hubspotId, dynamicsId) in slices[4])
        {
            hubspot.Update(hubspotId, Props(("jobtitle", "Head of Growth")));
            dynamics.Update(dynamicsId, Attrs(("jobtitle", "Director of Demand Generation")));
            conflicting++;
        }

        // Both sides change the same phone number: phone is dynamics_wins.
        foreach (var ((hubspotId, dynamicsId), i) in slices[5].Select((p, i) => (p, i)))
        {
            hubspot.Update(hubspotId, Props(("phone", Phone(3120000 + i))));
            dynamics.Update(dynamicsId, Attrs(("telephone1", Phone(4150000 + i))));
            conflicting++;
        }

        // Both sides correct the same last name, Dynamics second: last_name is latest_wins.
        foreach (var (hubspotId, dynamicsId) in slices[6])
        {
            var lastName = hubspot.Get(hubspotId)?.Properties.GetValueOrDefault("lastname") ?? "Doe";
            hubspot.Update(hubspotId, Props(("lastname", lastName + "-Lee")));
            dynamics.Update(dynamicsId, Attrs(("lastname", lastName + "-Park")));
            conflicting++;
        }

        var creates = Math.Max(1, share / 2);
        for (var i = 0; i < creates; i++)
        {
            hubspot.Create(Props(("email", $"new.lead{i}@demo-hubspot.example.com"), ("firstname", "Nova"), ("lastname", $"Lead {i}"),
                ("lifecyclestage", "lead"), ("city", "Boston")));
            dynamics.Create(Attrs(("emailaddress1", $"new.account.contact{i}@demo-dynamics.example.com"), ("firstname", "Dana"),
                ("lastname", $"Account {i}"), ("address1_city", "Seattle")));
        }

        // A Dynamics user types an email HubSpot will refuse, and another saves a contact with no email at all.
        dynamics.Create(Attrs(("emailaddress1", "pat.invalid at demo-dynamics.example.com"), ("firstname", "Pat"), ("lastname", "Typo")));
        dynamics.Create(Attrs(("firstname", "Sam"), ("lastname", "No-Email"), ("telephone1", Phone(5030000))));
        return new DemoEdits(hubspotEdits, dynamicsEdits, conflicting, creates, creates + 2);
    }

    private static string Phone(int sevenDigits) =>
        string.Create(CultureInfo.InvariantCulture, $"+1 ({sevenDigits / 10000:D3}) 555-{sevenDigits % 10000:D4}");

    private static Dictionary<string, string?> Props(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static Dictionary<string, object?> Attrs(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
