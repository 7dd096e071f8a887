using Kazgov.AddressBureau.Passwords;
using Kazgov.AddressBureau.Synthetic;
using Kazgov.Kernel.Identifiers;
using NodaTime;

namespace Kazgov.AddressBureau.Tests;

public sealed class SyntheticResidentsTests
{
    private static readonly LocalDate Today = new(2026, 12, 1);

    [Fact]
    public void Every_IIN_is_valid_unique_and_matches_the_birth_date_and_sex()
    {
        var people = new SyntheticResidents(7, Today).Generate(20_000).ToList();
        people.Select(p => p.Iin).Should().OnlyHaveUniqueItems();
        foreach (var p in people)
        {
            Iin.TryParse(p.Iin, out var iin, out var error).Should().BeTrue($"{p.Iin}: {error}");
            iin!.BirthDate.Should().Be(p.BirthDate);
            iin.IsMale.Should().Be(p.IsMale);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_residents()
    {
        var a = new SyntheticResidents(42, Today).Generate(500).Select(p => (p.Iin, p.LastName, p.Registrations.Count)).ToList();
        var b = new SyntheticResidents(42, Today).Generate(500).Select(p => (p.Iin, p.LastName, p.Registrations.Count)).ToList();
        a.Should().Equal(b);
        new SyntheticResidents(43, Today).Generate(500).Select(p => p.Iin).Should().NotEqual(a.Select(x => x.Iin));
    }

    [Fact]
    public void About_a_third_have_earlier_addresses_and_the_big_cities_weigh_most()
    {
        var people = new SyntheticResidents(1, Today).Generate(20_000).ToList();
        var withEarlier = people.Count(p => p.Registrations.Count > 1) / (double)people.Count;
        withEarlier.Should().BeInRange(0.30, 0.40);
        var regions = people.GroupBy(p => p.Registrations[0].Region).ToDictionary(g => g.Key, g => g.Count());
        regions["south-kazakhstan"].Should().BeGreaterThan(regions["north-kazakhstan"] * 4);
        people.Should().OnlyContain(p => p.Registrations.Skip(1).All(r => r.Until != null), "earlier addresses are closed");
        people.Should().OnlyContain(p => p.Registrations.All(r => r.From >= p.BirthDate && (r.Until == null || r.Until >= r.From)));
    }

    [Theory]
    [InlineData(23, false)]  // under a day
    [InlineData(24, true)]   // one day
    [InlineData(48, true)]
    [InlineData(72, true)]   // three days
    [InlineData(73, false)]  // over three days
    public void A_password_is_valid_for_one_to_three_days(int hours, bool allowed)
    {
        var from = Instant.FromUtc(2026, 3, 20, 4, 0);
        AgencyPasswords.IsAllowedWindow(from, from + Duration.FromHours(hours)).Should().Be(allowed);
    }
}
