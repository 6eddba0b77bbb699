using HealthRecords.Grains.Offsite;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Tests.Records;
using static HealthRecords.Grains.Tests.Services.ServiceTestData;

namespace HealthRecords.Grains.Tests.Offsite;

public sealed class OffsiteSummaryTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    private static ServiceRecord FreeExam(string id, DateOnly date, string institution) =>
        Record(id, ServiceKind.HealthExamination, date, Measure(("annual_free_exam", "true")), institution);

    [Fact]
    public void FreeAnnualExamination_GivenThisYear_SaysWhenAndWhereFirst()
    {
        // R-OS-4: the serving clinic may decline a second free examination this year
        var services = new[]
        {
            FreeExam("e0", new DateOnly(2025, 12, 30), "500103C01"),
            FreeExam("e2", new DateOnly(2026, 9, 1), "500105C01"),
            FreeExam("e1", new DateOnly(2026, 4, 2), "500103C02"),
        };

        var status = Assert.Single(FreeAnnualServiceStatus.For([KeyPopulation.Elderly], services, 2026));

        Assert.True(status.GivenThisYear);
        Assert.Equal("elderly_annual_health_examination", status.Service.Name);
        Assert.Equal(("e1", "500103C02"), (status.FirstGiven!.UploadId, status.FirstGiven.InstitutionCode));
    }

    [Fact]
    public void FreeAnnualExamination_LastYearOnly_IsNotGivenThisYear_AndOnlyTheEntitledSeeIt()
    {
        // R-OS-4: per calendar year, for the elderly
        var services = new[] { FreeExam("e0", new DateOnly(2025, 12, 31), "500103C01") };

        Assert.False(Assert.Single(FreeAnnualServiceStatus.For([KeyPopulation.Elderly], services, 2026)).GivenThisYear);
        Assert.Empty(FreeAnnualServiceStatus.For([KeyPopulation.Hypertension], services, 2026));
    }

    [Fact]
    public void Summary_ShowsTheLastTwelveMonthsNewestFirst_AndWithholdsSevereMentalDisorderFromOthers()
    {
        // R-OS-2 (follow-up summary list), R-AC-3 (special protection, said to be withheld)
        var services = new[]
        {
            Record("old", ServiceKind.HypertensionFollowUp, new DateOnly(2025, 11, 20)),
            Record("h1", ServiceKind.HypertensionFollowUp, new DateOnly(2026, 2, 1)),
            Record("m1", ServiceKind.SevereMentalDisorderFollowUp, new DateOnly(2026, 3, 1)),
            Record("h2", ServiceKind.HypertensionFollowUp, new DateOnly(2026, 8, 1)),
        };

        var others = OffsiteSummary.Build(TestData.Enrolled(), AccessBasis.KeyPopulation, [KeyPopulation.Hypertension], services, Today);
        var owner = OffsiteSummary.Build(TestData.Enrolled(), AccessBasis.OwningClinic, [KeyPopulation.Hypertension], services, Today);

        Assert.Equal(["h2", "h1"], others.RecentServices.Select(s => s.UploadId));
        Assert.True(others.RestrictedInformationWithheld);
        Assert.Equal(["h2", "m1", "h1"], owner.RecentServices.Select(s => s.UploadId));
        Assert.False(owner.RestrictedInformationWithheld);
    }

    [Fact]
    public void ServiceByAnotherClinic_IsOffsite_AndItsNoticeGoesToTheOwnersDistrict()
    {
        // R-OS-5 (off-site, counted for the serving clinic), R-OS-3 (notice to the owner's district)
        var owner = ActiveAdult with { OwnerInstitution = "500103C01", OwnerDistrict = "500103" };
        var offsite = ServiceRecordRules.Accept(Input(institution: "500105C01"), owner, PolicyProfiles.Chongqing, ReceivedAt);
        var own = ServiceRecordRules.Accept(Input(institution: "500103C01"), owner, PolicyProfiles.Chongqing, ReceivedAt);

        var notice = OffsiteServiceNotice.Of(offsite, "500105", ReceivedAt);

        Assert.True(offsite.Offsite);
        Assert.False(own.Offsite);
        Assert.Equal("500103", notice.ToDelivery().DistrictCode);
        Assert.Equal(("500103C01", "500105C01", "500105", "up-1"), (notice.OwnerInstitution, notice.ServingInstitution, notice.ServingDistrict, notice.NoticeId));
        Assert.Throws<ArgumentException>(() => OffsiteServiceNotice.Of(own, "500103", ReceivedAt));
    }
}
