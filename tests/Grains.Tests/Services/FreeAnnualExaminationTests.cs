using HealthRecords.Grains.Services;
using static HealthRecords.Grains.Tests.Services.ServiceTestData;

namespace HealthRecords.Grains.Tests.Services;

public sealed class FreeAnnualExaminationTests
{
    private static ServiceRecord Exam(ServiceKind kind, DateOnly date, string flag = "true") =>
        Record($"exam-{date:yyyyMMdd}", kind, date, Measure(("annual_free_exam", flag)));

    [Theory]
    [InlineData(ServiceKind.HealthExamination)]
    [InlineData(ServiceKind.ElderlyFollowUp)]
    public void FreeExam_GivenThisYear_IsReported(ServiceKind kind)
    {
        // R-OS-4: the clinic may decline a second free examination this year
        var services = new[] { Exam(kind, new DateOnly(2026, 1, 1)) };

        Assert.True(HomepageDerivation.FreeAnnualExaminationGiven(services, 2026));
    }

    [Fact]
    public void FreeExam_GivenLastYear_IsNotReportedForThisYear()
    {
        // R-OS-4: per calendar year
        var services = new[] { Exam(ServiceKind.HealthExamination, new DateOnly(2025, 12, 31)) };

        Assert.False(HomepageDerivation.FreeAnnualExaminationGiven(services, 2026));
        Assert.True(HomepageDerivation.FreeAnnualExaminationGiven(services, 2025));
    }

    [Fact]
    public void FreeExam_ExaminationWithoutFlag_IsNotTheFreeExam()
    {
        // R-OS-4
        var services = new[]
        {
            Exam(ServiceKind.HealthExamination, new DateOnly(2026, 2, 1), flag: "false"),
            Record("up-2", ServiceKind.ElderlyFollowUp, new DateOnly(2026, 2, 2)),
        };

        Assert.False(HomepageDerivation.FreeAnnualExaminationGiven(services, 2026));
    }

    [Fact]
    public void FreeExam_FlagOnAnotherKind_IsNotTheFreeExam()
    {
        // R-OS-4: only an examination or an elderly follow-up
        var services = new[] { Exam(ServiceKind.Visit, new DateOnly(2026, 2, 1)) };

        Assert.False(HomepageDerivation.FreeAnnualExaminationGiven(services, 2026));
    }
}
