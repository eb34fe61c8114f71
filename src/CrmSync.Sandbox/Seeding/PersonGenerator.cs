using System.Globalization;
using System.Text;

namespace CrmSync.Sandbox.Seeding;

/// <summary>
/// Generates realistic people deterministically from (seed, index) with O(1) random access and no
/// stored state, so seeding a million contacts per side is fast and lean.
/// Person <c>i</c> has the same name, email, phones, job, address, company and lifecycle stage in
/// both emulators; only formats (phone style, email casing) vary per side, as typed by different users.
/// </summary>
public sealed class PersonGenerator
{
    /// <summary>Person indexes of Dynamics-only people start here so they never collide with HubSpot's.</summary>
    public const long DynamicsOnlyIndexBase = 1L << 40;

    private const ulong SaltFirst = 1, SaltLast = 2, SaltCompany = 3, SaltJob = 4, SaltPlace = 5, SaltStreet = 6,
        SaltHouse = 7, SaltZip = 8, SaltStage = 9, SaltOptOut = 10, SaltPhone = 11, SaltMobile = 12, SaltHasMobile = 13,
        SaltEmailStyle = 14, SaltEmailDomain = 15, SaltCreated = 16, SaltModified = 17, SaltPhoneFormat = 18,
        SaltEmailCase = 19, SaltOverlap = 20, SaltNoEmail = 21, SaltInvalid = 22, SaltInvalidKind = 23,
        SaltDuplicate = 24, SaltDuplicateOf = 25;

    private readonly SeedOptions _options;

    public PersonGenerator(SeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The <see cref="SeedOptions.Count"/> people of one side, in seeding order, with the
    /// side's variations applied (missing emails, invalid values, duplicate emails on Dynamics).</summary>
    public IEnumerable<SeedPerson> Generate(SeedSide side)
    {
        for (var ordinal = 0; ordinal < _options.Count; ordinal++)
        {
            yield return ForOrdinal(side, ordinal);
        }
    }

    /// <summary>The <paramref name="ordinal"/>-th person seeded into <paramref name="side"/>.</summary>
    public SeedPerson ForOrdinal(SeedSide side, int ordinal)
    {
        var index = PersonIndexFor(side, ordinal);
        var person = Person(index, side);
        var seed = _options.Seed;
        var sideSalt = side == SeedSide.HubSpot ? 0UL : 1000UL;

        if (StableHash.Unit(seed, ordinal, SaltNoEmail + sideSalt) < _options.NoEmailFraction)
        {
            person = person with { Email = null };
        }
        else if (side == SeedSide.Dynamics && ordinal > 0
                 && StableHash.Unit(seed, ordinal, SaltDuplicate) < _options.DuplicateEmailFraction)
        {
            var earlier = ordinal - 1 - StableHash.Below(seed, ordinal, SaltDuplicateOf, Math.Min(ordinal, 100));
            person = person with { Email = Person(PersonIndexFor(side, earlier), side).Email };
        }

        if (StableHash.Unit(seed, ordinal, SaltInvalid + sideSalt) < _options.InvalidValueFraction)
        {
            person = StableHash.Below(seed, ordinal, SaltInvalidKind + sideSalt, 2) == 0 && person.Email is not null
                ? person with { Email = person.Email.Replace("@", " at ", StringComparison.Ordinal) }
                : person with { Phone = "ask reception" };
        }

        return person;
    }

    /// <summary>Whether the <paramref name="ordinal"/>-th contact of either side is a person present in both CRMs.</summary>
    public bool IsShared(int ordinal) => StableHash.Unit(_options.Seed, ordinal, SaltOverlap) < _options.OverlapFraction;

    /// <summary>Identity of the person seeded at <paramref name="ordinal"/>: shared ordinals map to the same person on both sides.</summary>
    public long PersonIndexFor(SeedSide side, int ordinal) =>
        IsShared(ordinal) || side == SeedSide.HubSpot ? ordinal : DynamicsOnlyIndexBase + ordinal;

    /// <summary>The person with <paramref name="index"/> as typed into <paramref name="side"/> (no side variations).</summary>
    public SeedPerson Person(long index, SeedSide side)
    {
        var seed = _options.Seed;
        var first = StableHash.Pick(seed, index, SaltFirst, PersonPools.FirstNames);
        var last = StableHash.Pick(seed, index, SaltLast, PersonPools.LastNames);
        var company = StableHash.Pick(seed, index, SaltCompany, PersonPools.Companies);
        var place = StableHash.Pick(seed, index, SaltPlace, PersonPools.Places);
        var zip = place.Country == "Canada"
            ? place.ZipPrefix + " " + (char)('1' + StableHash.Below(seed, index, SaltZip, 9)) + "A" + StableHash.Below(seed, index, SaltZip + 100, 10).ToString(CultureInfo.InvariantCulture)
            : place.ZipPrefix + StableHash.Below(seed, index, SaltZip, 100).ToString("D2", CultureInfo.InvariantCulture);
        var sideSalt = side == SeedSide.HubSpot ? 0UL : 1000UL;

        var email = Email(seed, index, first, last, company);
        if (side == SeedSide.Dynamics && StableHash.Below(seed, index, SaltEmailCase, 5) == 0)
        {
            // Dynamics keeps what the user typed; HubSpot lowercases. Matching must ignore case.
            email = char.ToUpperInvariant(email[0]) + email[1..];
        }

        var phoneDigits = place.AreaCode + "555" + StableHash.Below(seed, index, SaltPhone, 10_000).ToString("D4", CultureInfo.InvariantCulture);
        var hasMobile = StableHash.Below(seed, index, SaltHasMobile, 2) == 0;
        var mobileDigits = place.AreaCode + (200 + StableHash.Below(seed, index, SaltMobile, 800)).ToString(CultureInfo.InvariantCulture)
            + StableHash.Below(seed, index, SaltMobile + 100, 10_000).ToString("D4", CultureInfo.InvariantCulture);
        var (created, modified) = Ages(index);

        return new SeedPerson(
            index,
            first,
            last,
            email,
            FormatPhone(phoneDigits, StableHash.Below(seed, index, SaltPhoneFormat + sideSalt, PhoneFormatCount)),
            hasMobile ? FormatPhone(mobileDigits, StableHash.Below(seed, index, SaltPhoneFormat + sideSalt + 1, PhoneFormatCount)) : null,
            StableHash.Pick(seed, index, SaltJob, PersonPools.JobTitles),
            company,
            (1 + StableHash.Below(seed, index, SaltHouse, 9_999)).ToString(CultureInfo.InvariantCulture) + " " + StableHash.Pick(seed, index, SaltStreet, PersonPools.Streets),
            place.City,
            place.State,
            zip,
            place.Country,
            StableHash.Pick(seed, index, SaltStage, PersonPools.LifecycleStages),
            StableHash.Below(seed, index, SaltOptOut, 10) == 0,
            created,
            modified);
    }

    /// <summary>The record's age and time since its last edit at seeding time, without generating any text (cheap for bulk seeding).</summary>
    public (TimeSpan CreatedAgo, TimeSpan ModifiedAgo) Ages(long index)
    {
        var created = TimeSpan.FromSeconds(StableHash.Unit(_options.Seed, index, SaltCreated) * _options.History.TotalSeconds);
        return (created, TimeSpan.FromSeconds(StableHash.Unit(_options.Seed, index, SaltModified) * created.TotalSeconds));
    }

    private const int PhoneFormatCount = 6;

    /// <summary>The same 10-digit North American number in one of the formats people type.</summary>
    private static string FormatPhone(string d, int style) => style switch
    {
        0 => $"+1 ({d[..3]}) {d[3..6]}-{d[6..]}",
        1 => $"{d[..3]}-{d[3..6]}-{d[6..]}",
        2 => $"{d[..3]}.{d[3..6]}.{d[6..]}",
        3 => $"({d[..3]}) {d[3..6]} {d[6..]}",
        4 => "+1" + d,
        _ => d,
    };

    private static string Email(int seed, long index, string first, string last, string company)
    {
        var localFirst = AsciiLower(first);
        var localLast = AsciiLower(last);
        var domain = StableHash.Below(seed, index, SaltEmailDomain, 3) == 0
            ? StableHash.Pick(seed, index, SaltEmailDomain + 100, PersonPools.FreeMailDomains)
            : AsciiLower(company) + ".example.com";
        // The index keeps emails unique per person, as HubSpot requires.
        var suffix = index.ToString(CultureInfo.InvariantCulture);
        return StableHash.Below(seed, index, SaltEmailStyle, 3) switch
        {
            0 => $"{localFirst}.{localLast}{suffix}@{domain}",
            1 => $"{localFirst[0]}{localLast}{suffix}@{domain}",
            _ => $"{localFirst}_{localLast}.{suffix}@{domain}",
        };
    }

    /// <summary>Lowercase ASCII letters only: accents folded, spaces and apostrophes dropped.</summary>
    private static string AsciiLower(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var folded = char.ToLowerInvariant(c) switch
            {
                >= 'a' and <= 'z' and var ascii => ascii,
                'é' or 'è' or 'ë' or 'ê' => 'e',
                'á' or 'à' or 'ä' or 'â' => 'a',
                'í' or 'ï' => 'i',
                'ó' or 'ö' or 'ø' => 'o',
                'ú' or 'ü' => 'u',
                'ñ' => 'n',
                'ł' => 'l',
                _ => '\0',
            };
            if (folded != '\0')
            {
                builder.Append(folded);
            }
        }

        return builder.ToString();
    }
}
