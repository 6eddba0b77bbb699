using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using static HealthRecords.Grains.Tests.Services.ServiceTestData;

namespace HealthRecords.Grains.Tests.Services;

public sealed class HomepageTagTests
{
    private static readonly DateOnly Today = new(2026, 3, 20);

    private static IReadOnlyList<HealthTag> Tags(ResidentFacts resident, params ServiceRecord[] services) =>
        HomepageDerivation.Derive(resident, resident.Sex, services, Today).Tags;

    private static ResidentFacts BornOn(DateOnly? birth, Sex sex = Sex.Female) => new(RecordStatus.Active, birth, null, sex);

    [Fact]
    public void Homepage_Aged65Today_IsTaggedElderly()
    {
        // R-RC-2: elderly = 65 and over (NAT 2(1))
        var tags = Tags(BornOn(new DateOnly(1961, 3, 20)));

        Assert.Contains(HealthTag.Elderly, tags);
    }

    [Fact]
    public void Homepage_TheDayBefore65thBirthday_IsNotTaggedElderly()
    {
        // R-RC-2
        var tags = Tags(BornOn(new DateOnly(1961, 3, 21)));

        Assert.DoesNotContain(HealthTag.Elderly, tags);
    }

    [Fact]
    public void Homepage_UnderSevenToday_IsTaggedMaternalOrChild()
    {
        // R-RC-2: children 0-6 (NAT 2(1))
        var tags = Tags(BornOn(new DateOnly(2019, 3, 21)));

        Assert.Contains(HealthTag.MaternalOrChild, tags);
    }

    [Fact]
    public void Homepage_SevenToday_IsNotTaggedMaternalOrChild()
    {
        // R-RC-2
        var tags = Tags(BornOn(new DateOnly(2019, 3, 20)));

        Assert.DoesNotContain(HealthTag.MaternalOrChild, tags);
    }

    [Fact]
    public void Homepage_ChildFollowUpLongAgoWithKnownBirth_IsNotTaggedChild()
    {
        // R-RC-2: with a known birth date the age decides: a 12-year-old followed up at 6 is no longer a child
        var resident = BornOn(new DateOnly(2014, 1, 1), Sex.Male);

        var tags = Tags(resident, Record(kind: ServiceKind.ChildFollowUp, date: new DateOnly(2020, 6, 1)));

        Assert.DoesNotContain(HealthTag.MaternalOrChild, tags);
    }

    [Fact]
    public void Homepage_ChildFollowUpWithin7YearsAndUnknownBirth_IsTaggedMaternalOrChild()
    {
        // R-RC-2: without a birth date, a child follow-up in the last 7 years stands in for the age
        var tags = Tags(BornOn(null, Sex.Male), Record(kind: ServiceKind.ChildFollowUp, date: Today.AddYears(-7)));

        Assert.Contains(HealthTag.MaternalOrChild, tags);
    }

    [Fact]
    public void Homepage_ChildFollowUpOver7YearsAgoAndUnknownBirth_IsNotTagged()
    {
        // R-RC-2
        var tags = Tags(BornOn(null, Sex.Male), Record(kind: ServiceKind.ChildFollowUp, date: Today.AddYears(-7).AddDays(-1)));

        Assert.DoesNotContain(HealthTag.MaternalOrChild, tags);
    }

    [Fact]
    public void Homepage_MaternalFollowUpWithin12Months_IsTaggedMaternalOrChild()
    {
        // R-RC-2: pregnant and postpartum women (NAT 2(1))
        var tags = Tags(ActiveAdult, Record(kind: ServiceKind.MaternalFollowUp, date: Today.AddMonths(-12)));

        Assert.Contains(HealthTag.MaternalOrChild, tags);
    }

    [Fact]
    public void Homepage_MaternalFollowUpOver12MonthsAgo_IsNotTagged()
    {
        // R-RC-2
        var tags = Tags(ActiveAdult, Record(kind: ServiceKind.MaternalFollowUp, date: Today.AddMonths(-12).AddDays(-1)));

        Assert.DoesNotContain(HealthTag.MaternalOrChild, tags);
    }

    [Theory]
    [InlineData(ServiceKind.HypertensionFollowUp)]
    [InlineData(ServiceKind.DiabetesFollowUp)]
    public void Homepage_HypertensionOrDiabetesFollowUp_IsTaggedChronicDisease(ServiceKind kind)
    {
        // R-RC-2, R-RC-5: one record, chronic diseases integrated
        var tags = Tags(ActiveAdult, Record(kind: kind, date: new DateOnly(2015, 1, 1)));

        Assert.Contains(HealthTag.ChronicDisease, tags);
    }

    [Fact]
    public void Homepage_OnlyVisits_HasNoDiseaseTags()
    {
        // R-RC-2: tags come from the service records, nothing else
        var tags = Tags(ActiveAdult, Record(kind: ServiceKind.Visit), Record("up-2", ServiceKind.HealthExamination));

        Assert.Empty(tags);
    }

    [Fact]
    public void Homepage_TuberculosisFollowUp_IsTaggedNotifiableInfectiousDisease()
    {
        // R-RC-2: tuberculosis is a class B notifiable disease
        var tags = Tags(ActiveAdult, Record(kind: ServiceKind.TuberculosisFollowUp));

        Assert.Equal([HealthTag.NotifiableInfectiousDisease], tags);
    }

    [Fact]
    public void Homepage_SevereMentalDisorderFollowUp_IsTaggedAndRestricted()
    {
        // R-RC-2: a restricted tag, hidden later by the security issue
        var tags = Tags(ActiveAdult, Record(kind: ServiceKind.SevereMentalDisorderFollowUp));

        Assert.Equal([HealthTag.SevereMentalDisorder], tags);
        Assert.True(HealthTag.SevereMentalDisorder.IsRestricted());
        Assert.False(HealthTag.ChronicDisease.IsRestricted());
    }

    [Fact]
    public void Homepage_MostRecentBloodType_Decides()
    {
        // R-RC-2: blood type from the most recent blood_type measurement
        var older = Record("up-1", date: new DateOnly(2020, 1, 1), measurements: Measure(("blood_type", "A+")));
        var newer = Record("up-2", date: new DateOnly(2021, 1, 1), measurements: Measure(("blood_type", "AB-")));

        var tags = Tags(ActiveAdult, newer, older);

        Assert.Equal([HealthTag.BloodTypeAB], tags);
    }

    [Theory]
    [InlineData("A", HealthTag.BloodTypeA)]
    [InlineData("B+", HealthTag.BloodTypeB)]
    [InlineData("AB", HealthTag.BloodTypeAB)]
    [InlineData("O-", HealthTag.BloodTypeO)]
    public void Homepage_BloodTypeMeasurement_IsTagged(string value, HealthTag expected)
    {
        // R-RC-2
        var tags = Tags(ActiveAdult, Record(measurements: Measure(("blood_type", value))));

        Assert.Equal([expected], tags);
    }

    [Fact]
    public void Homepage_NoServices_HasNoTagsAndNoLastDate()
    {
        // R-RC-2
        var homepage = HomepageDerivation.Derive(ActiveAdult, Sex.Female, [], Today);

        Assert.Empty(homepage.Tags);
        Assert.Empty(homepage.Activities);
        Assert.Null(homepage.LastServiceDate);
    }

    [Fact]
    public void Homepage_SeveralTags_ComeInEnumOrder()
    {
        // R-RC-2: a stable tag order
        var resident = BornOn(new DateOnly(1950, 1, 1), Sex.Male);

        var tags = Tags(resident,
            Record("up-1", ServiceKind.TuberculosisFollowUp),
            Record("up-2", ServiceKind.HypertensionFollowUp, measurements: Measure(("blood_type", "O"))));

        Assert.Equal([HealthTag.Elderly, HealthTag.ChronicDisease, HealthTag.NotifiableInfectiousDisease, HealthTag.BloodTypeO], tags);
    }
}
