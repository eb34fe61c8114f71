using CrmSync.Sandbox.Seeding;

namespace CrmSync.Connectors.Tests.Common;

public sealed class PersonGeneratorTests
{
    private static readonly SeedOptions Options = new()
    {
        Count = 20_000, OverlapFraction = 0.3, DuplicateEmailFraction = 0.05, NoEmailFraction = 0.1, InvalidValueFraction = 0.04, Seed = 11,
    };

    [Fact]
    public void The_same_seed_gives_the_same_people_in_any_order()
    {
        var first = new PersonGenerator(Options).Generate(SeedSide.HubSpot).Take(500).ToList();
        var again = new PersonGenerator(Options);

        Enumerable.Range(0, 500).Reverse().Select(i => again.ForOrdinal(SeedSide.HubSpot, i)).Reverse().Should().Equal(first);
        new PersonGenerator(Options with { Seed = 12 }).ForOrdinal(SeedSide.HubSpot, 0).Should().NotBe(first[0]);
    }

    [Fact]
    public void Shared_people_match_across_the_CRMs_and_the_fractions_hold()
    {
        var generator = new PersonGenerator(Options);
        var hubSpot = generator.Generate(SeedSide.HubSpot).ToList();
        var dynamics = generator.Generate(SeedSide.Dynamics).ToList();

        var shared = Enumerable.Range(0, Options.Count).Where(generator.IsShared).ToList();
        (shared.Count / (double)Options.Count).Should().BeApproximately(0.3, 0.02);
        foreach (var i in shared.Where(i => hubSpot[i].Phone != "ask reception" && dynamics[i].Phone != "ask reception").Take(200))
        {
            var (h, d) = (hubSpot[i], dynamics[i]);
            d.PersonIndex.Should().Be(h.PersonIndex);
            (d.FirstName, d.LastName, d.Company, d.City, d.JobTitle, d.LifecycleStage).Should().Be((h.FirstName, h.LastName, h.Company, h.City, h.JobTitle, h.LifecycleStage));
            Digits(d.Phone).Should().Be(Digits(h.Phone), "the same number, perhaps typed differently");
        }

        dynamics.Where((p, i) => !generator.IsShared(i)).Select(p => p.PersonIndex).Should().OnlyContain(x => x >= PersonGenerator.DynamicsOnlyIndexBase);
        Fraction(hubSpot, p => p.Email is null).Should().BeApproximately(0.1, 0.02);
        Fraction(hubSpot, p => p.Email is { } e && !e.Contains('@', StringComparison.Ordinal) || p.Phone == "ask reception").Should().BeApproximately(0.04, 0.015);
        hubSpot.Where(p => p.Email is not null).Select(p => p.Email).Should().OnlyHaveUniqueItems("HubSpot emails are unique");
        var dynamicsEmails = dynamics.Where(p => p.Email is not null).Select(p => p.Email!.ToLowerInvariant()).ToList();
        (1 - (dynamicsEmails.Distinct().Count() / (double)dynamicsEmails.Count)).Should().BeApproximately(0.05, 0.02, "Dynamics gets duplicate emails");
        hubSpot.Select(p => p.Phone).Where(p => p is not null).Select(p => p!.Length).Distinct().Count().Should().BeGreaterThan(3, "phones come in mixed formats");
        hubSpot.Should().OnlyContain(p => p.ModifiedAgo <= p.CreatedAgo);
    }

    private static double Fraction(List<SeedPerson> people, Func<SeedPerson, bool> predicate) => people.Count(predicate) / (double)people.Count;

    private static string Digits(string? phone) => new string((phone ?? "").Where(char.IsDigit).ToArray()).TrimStart('1');
}
