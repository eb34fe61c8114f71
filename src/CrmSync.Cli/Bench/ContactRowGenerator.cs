using System.Globalization;
using CrmSync.Lake;
using CrmSync.Lake.Protocol;

namespace CrmSync.Cli.Bench;

/// <summary>
/// Deterministic contact-shaped rows for benchmarks: 21 columns (strings, longs, timestamps, a JSON
/// payload), every value a pure function of the row number (and a revision for changed rows), so
/// every phase and every floor writes exactly the same data.
/// </summary>
public static class ContactRowGenerator
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Margaret", "Donald", "Frances", "John", "Radia", "Ken", "Leslie"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Hamilton", "Knuth", "Allen", "Backus", "Perlman", "Thompson", "Lamport"];
    private static readonly string[] Companies = ["Contoso", "Fabrikam", "Northwind", "Tailspin", "Wingtip", "Litware", "Adventure Works", "Proseware"];
    private static readonly string[] Titles = ["Engineer", "Director", "VP Sales", "Analyst", "CTO", "Buyer", "Consultant", "Manager"];
    private static readonly string[] Cities = ["Paris", "Berlin", "London", "Madrid", "Oslo", "Lisbon", "Vienna", "Dublin", "Prague", "Warsaw"];
    private static readonly string[] Countries = ["FR", "DE", "GB", "ES", "NO", "PT", "AT", "IE", "CZ", "PL"];
    private static readonly string[] Stages = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer"];
    private static readonly string[] LeadStatuses = ["NEW", "OPEN", "IN_PROGRESS", "CONNECTED", "UNQUALIFIED"];
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static StructType Schema { get; } = new(
        new StructField("contact_id", PrimitiveType.String, nullable: false),
        new StructField("email", PrimitiveType.String),
        new StructField("first_name", PrimitiveType.String),
        new StructField("last_name", PrimitiveType.String),
        new StructField("phone", PrimitiveType.String),
        new StructField("company", PrimitiveType.String),
        new StructField("job_title", PrimitiveType.String),
        new StructField("city", PrimitiveType.String),
        new StructField("country", PrimitiveType.String),
        new StructField("lifecycle_stage", PrimitiveType.String),
        new StructField("lead_status", PrimitiveType.String),
        new StructField("owner_id", PrimitiveType.String),
        new StructField("source_system", PrimitiveType.String),
        new StructField("hubspot_id", PrimitiveType.Long),
        new StructField("employees", PrimitiveType.Long),
        new StructField("annual_revenue", PrimitiveType.Long),
        new StructField("revision", PrimitiveType.Long),
        new StructField("created_at", PrimitiveType.Timestamp),
        new StructField("updated_at", PrimitiveType.Timestamp),
        new StructField("last_activity_at", PrimitiveType.Timestamp),
        new StructField("payload", PrimitiveType.String));

    public static string Key(long row) => string.Create(CultureInfo.InvariantCulture, $"C{row:D9}");

    /// <summary>The values of row <paramref name="row"/> at <paramref name="revision"/>, in schema order.</summary>
    public static object?[] Values(long row, long revision = 0)
    {
        var hash = Mix((ulong)row);
        var first = FirstNames[(int)(hash % (ulong)FirstNames.Length)];
        var last = LastNames[(int)(hash / 7 % (ulong)LastNames.Length)];
        var company = Companies[(int)(hash / 13 % (ulong)Companies.Length)];
        var place = (int)(hash / 17 % (ulong)Cities.Length);
        var stage = Stages[(int)((hash / 19 + (ulong)revision) % (ulong)Stages.Length)];
        var created = Epoch.AddSeconds((long)(hash % 63_072_000));
        var updated = created.AddSeconds((long)(hash / 23 % 2_592_000) + revision * 3600);
        var email = string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{row}@{company.Replace(' ', '-')}.example").ToLowerInvariant();
        var phone = string.Create(CultureInfo.InvariantCulture, $"+33 6 {hash % 100:D2} {hash / 100 % 100:D2} {hash / 10_000 % 100:D2} {hash / 1_000_000 % 100:D2}");
        var hubspotId = 100_000_000 + row;
        var payload = string.Create(CultureInfo.InvariantCulture,
            $"{{\"id\":\"{hubspotId}\",\"properties\":{{\"email\":\"{email}\",\"firstname\":\"{first}\",\"lastname\":\"{last}\",\"company\":\"{company}\",\"phone\":\"{phone}\",\"lifecyclestage\":\"{stage}\",\"hs_object_id\":\"{hubspotId}\",\"lastmodifieddate\":\"{updated:yyyy-MM-ddTHH:mm:ss.fffZ}\"}},\"archived\":false}}");
        return
        [
            Key(row), email, first, last, phone, company, Titles[(int)(hash / 29 % (ulong)Titles.Length)],
            Cities[place], Countries[place], stage, LeadStatuses[(int)(hash / 31 % (ulong)LeadStatuses.Length)],
            string.Create(CultureInfo.InvariantCulture, $"owner-{hash % 250:D3}"), row % 2 == 0 ? "hubspot" : "dynamics",
            hubspotId, (long)(hash % 50_000), (long)(hash % 900_000_000), revision,
            created, updated, updated.AddMinutes((long)(hash % 600)), payload,
        ];
    }

    public static Row Contact(long row, long revision = 0) => new(Schema, Values(row, revision));

    public static async IAsyncEnumerable<Row> ContactsAsync(long count)
    {
        for (long row = 0; row < count; row++)
        {
            yield return Contact(row);
            if (row % 65_536 == 0)
            {
                await Task.Yield();
            }
        }
    }

    // SplitMix64: a fast, well-spread hash of the row number.
    private static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
