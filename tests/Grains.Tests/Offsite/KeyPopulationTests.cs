using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Offsite;
using HealthRecords.Grains.Services;
using static HealthRecords.Grains.Tests.Services.ServiceTestData;

namespace HealthRecords.Grains.Tests.Offsite;

public sealed class KeyPopulationTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Theory]
    [InlineData("1961-11-21", true)]  // 65 today
    [InlineData("1961-11-22", false)] // 65 tomorrow
    public void Elderly_IsSixtyFiveAndOverToday(string born, bool elderly)
    {
        // R-OS-1: the elderly key population
        var found = KeyPopulations.Of(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), Sex.Male, [], Today);

        Assert.Equal(elderly, found.Contains(KeyPopulation.Elderly));
    }

    [Theory]
    [InlineData("2019-11-22", true)]  // 6 years old
    [InlineData("2019-11-21", false)] // 7 today
    public void Child_IsZeroToSix(string born, bool child)
    {
        // R-OS-1: children 0-6
        var found = KeyPopulations.Of(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), Sex.Female, [], Today);

        Assert.Equal(child, found.Contains(KeyPopulation.Child));
    }

    [Fact]
    public void Maternal_IsAMaternalFollowUpWithinTwelveMonths_NeverForAMan()
    {
        // R-OS-1: pregnant and postpartum women
        var recent = new[] { Record("m1", ServiceKind.MaternalFollowUp, new DateOnly(2025, 11, 21)) };
        var old = new[] { Record("m0", ServiceKind.MaternalFollowUp, new DateOnly(2025, 11, 20)) };

        Assert.Contains(KeyPopulation.Maternal, KeyPopulations.Of(new DateOnly(1995, 1, 1), Sex.Female, recent, Today));
        Assert.DoesNotContain(KeyPopulation.Maternal, KeyPopulations.Of(new DateOnly(1995, 1, 1), Sex.Female, old, Today));
        Assert.DoesNotContain(KeyPopulation.Maternal, KeyPopulations.Of(new DateOnly(1995, 1, 1), Sex.Male, recent, Today));
    }

    [Fact]
    public void ChronicDiseases_AreAnyHypertensionOrDiabetesFollowUp_InEnumOrder()
    {
        // R-OS-1: hypertension and type 2 diabetes patients under management
        var services = new[]
        {
            Record("d1", ServiceKind.DiabetesFollowUp, new DateOnly(2020, 1, 1)),
            Record("h1", ServiceKind.HypertensionFollowUp, new DateOnly(2026, 1, 1)),
        };

        Assert.Equal([KeyPopulation.Elderly, KeyPopulation.Hypertension, KeyPopulation.Diabetes],
            KeyPopulations.Of(new DateOnly(1950, 1, 1), Sex.Male, services, Today));
    }

    [Fact]
    public void AnAdultWithoutFollowUps_IsOfNoKeyPopulation()
    {
        // R-OS-2: such a resident needs an authorization to be looked up by another clinic
        var services = new[] { Record("v1", ServiceKind.Visit, new DateOnly(2026, 3, 1)), Record("t1", ServiceKind.TuberculosisFollowUp, new DateOnly(2026, 3, 2)) };

        Assert.Empty(KeyPopulations.Of(new DateOnly(1990, 6, 1), Sex.Female, services, Today));
    }

    [Fact]
    public void UnknownBirthDate_ChildFollowUpWithinSevenYears_StandsIn()
    {
        // R-OS-1: with no birth date the follow-ups decide
        var services = new[] { Record("c1", ServiceKind.ChildFollowUp, new DateOnly(2021, 5, 1)) };

        Assert.Equal([KeyPopulation.Child], KeyPopulations.Of(null, Sex.Unspecified, services, Today));
    }
}
