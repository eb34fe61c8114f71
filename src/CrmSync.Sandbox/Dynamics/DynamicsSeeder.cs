using System.Security.Cryptography;
using System.Text;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// Fills the contact table from the shared <see cref="PersonGenerator"/> (Dynamics side: duplicate
/// emails, missing emails, invalid values, people shared with HubSpot). Ids are derived from the
/// seed and ordinal so the same options give the same table; each person's company becomes the
/// parentcustomerid lookup to one of a fixed set of accounts.
/// </summary>
internal static class DynamicsSeeder
{
    private static readonly Dictionary<string, int> LifecycleCodes = new(StringComparer.Ordinal)
    {
        ["subscriber"] = 100000000,
        ["lead"] = 100000001,
        ["marketingqualifiedlead"] = 100000002,
        ["salesqualifiedlead"] = 100000003,
        ["opportunity"] = 100000004,
        ["customer"] = 100000005,
        ["evangelist"] = 100000006,
        ["other"] = 100000007,
    };

    public static IEnumerable<DynamicsAccount> Accounts() =>
        PersonPools.Companies.Select(name => new DynamicsAccount(StableGuid("account:" + name), name));

    public static IReadOnlyList<DynamicsContact> Seed(DynamicsContactStore store, SeedOptions options, DateTimeOffset now)
    {
        var generator = new PersonGenerator(options);
        var accountIds = Accounts().ToDictionary(a => a.Name, a => a.AccountId);
        var seeded = new List<DynamicsContact>(options.Count);
        var ordinal = 0;
        foreach (var person in generator.Generate(SeedSide.Dynamics))
        {
            var attributes = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["firstname"] = person.FirstName,
                ["lastname"] = person.LastName,
                ["emailaddress1"] = person.Email,
                ["telephone1"] = person.Phone,
                ["mobilephone"] = person.MobilePhone,
                ["jobtitle"] = person.JobTitle,
                ["address1_line1"] = person.Street,
                ["address1_city"] = person.City,
                ["address1_stateorprovince"] = person.State,
                ["address1_postalcode"] = person.Zip,
                ["address1_country"] = person.Country,
                [DynamicsContactSchema.LifecycleStage] = LifecycleCodes.GetValueOrDefault(person.LifecycleStage, 100000007),
                ["donotbulkemail"] = person.EmailOptOut,
                [DynamicsContactSchema.ParentCustomerValue] = accountIds[person.Company],
            };
            var id = StableGuid($"dynamics-contact:{options.Seed}:{ordinal++}");
            seeded.Add(store.Insert(id, attributes, now - person.CreatedAgo, now - person.ModifiedAgo));
        }
        return seeded;
    }

    private static Guid StableGuid(string key)
    {
        Span<byte> bytes = stackalloc byte[16];
        SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16).CopyTo(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
