using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Quality;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using static HealthRecords.Grains.Tests.Merging.MergeTestData;

namespace HealthRecords.Grains.Tests.Quality;

public sealed class QualityChecksTests
{
    private static readonly PolicyProfile Chongqing = PolicyProfiles.Chongqing;

    // A complete, consistent record updated a month ago.
    private static RecordState Good(HealthRecords.Grains.Records.ResidentProfile? profile = null, DateTimeOffset? updatedAt = null) =>
        Record(First, profile: profile, enrolledAt: Now.AddYears(-3), updatedAt: updatedAt ?? Now.AddMonths(-1));

    private static IReadOnlyList<QualityFinding> Check(RecordState record, params ServiceRecord[] services) =>
        RecordQualityChecks.Check(record, services, Today, Chongqing);

    [Fact]
    public void Check_CompleteConsistentRecentRecord_HasNoFindings()
    {
        // R-CN-4: the control case, so the findings below come from the planted fault alone
        Assert.Empty(Check(Good(), Service("s1", First, Today.AddDays(-10))));
    }

    [Fact]
    public void MissingFields_EmptyOrPlaceholderCoverFields_AreEachReported()
    {
        // R-CN-4, R-RC-1: the cover's phone, addresses and responsible doctor; "不详" is not information
        var record = Good(Profile(phone: "不详", address: "", registered: null, doctor: "未知"));

        var missing = Check(record).Where(f => f.Kind == QualityFindingKind.MissingField).Select(f => f.Field);

        Assert.Equal(["phone", "current_address", "registered_address", "responsible_doctor"], missing);
    }

    [Fact]
    public void MissingFields_EnrolledByAndSex_AreReported()
    {
        // R-CN-4, R-RC-1: enrolled-by is a cover field; sex is basic information
        var record = Good(Profile(sex: HealthRecords.Grains.Identity.Sex.Unspecified)) with { EnrolledBy = " " };

        var missing = Check(record).Where(f => f.Kind == QualityFindingKind.MissingField).Select(f => f.Field);

        Assert.Equal(["sex", "enrolled_by"], missing);
    }

    [Fact]
    public void LogicError_ServiceBeforeBirth()
    {
        // R-CN-4 (AH 1(2)): a service before the resident was born
        var findings = Check(Good(), Service("s-early", First, Born.AddDays(-1)));

        var error = Assert.Single(findings, f => f.Kind == QualityFindingKind.LogicError);
        Assert.Equal("s-early", error.Field);
        Assert.Contains("before the date of birth", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void LogicError_ServiceAfterDeath()
    {
        // R-CN-4, R-ST-3: nothing is served after death
        var died = new DateOnly(2025, 6, 1);
        var record = Good() with { Status = RecordStatus.Deceased, Lifecycle = RecordLifecycle.Initial with { DateOfDeath = died } };

        var findings = Check(record, Service("s-before", First, died), Service("s-after", First, died.AddDays(1)));

        Assert.Equal("s-after", Assert.Single(findings, f => f.Kind == QualityFindingKind.LogicError).Field);
    }

    [Fact]
    public void LogicError_ImpossibleDates()
    {
        // R-CN-4: a birth date in the future, a death before birth, a service dated after today
        var record = Good(Profile(born: Today.AddDays(3))) with
        {
            Identity = CertificateKey(),
            Lifecycle = RecordLifecycle.Initial with { DateOfDeath = Today },
        };

        var fields = Check(record, Service("s-future", First, Today.AddDays(5)))
            .Where(f => f.Kind == QualityFindingKind.LogicError).Select(f => f.Field).ToList();

        Assert.Contains("date_of_birth", fields);
        Assert.Contains("date_of_death", fields);
        Assert.Contains("enrolled_at", fields);
        Assert.Contains("s-future", fields);
    }

    [Fact]
    public void LogicError_IdNumberContradictsBirthDateAndSex()
    {
        // R-CN-4: the ID number encodes birth date and sex (GB 11643)
        var record = Good(Profile(sex: HealthRecords.Grains.Identity.Sex.Female, born: Born.AddDays(1)));

        var fields = Check(record).Where(f => f.Kind == QualityFindingKind.LogicError).Select(f => f.Field);

        Assert.Equal(["date_of_birth", "sex"], fields);
    }

    [Fact]
    public void Stale_NoUpdateOrServiceBeyondThePolicyPeriod()
    {
        // R-CN-4: Chongqing default 12 months; a recent service keeps an old record fresh
        var old = Good(updatedAt: Now.AddMonths(-13));

        Assert.Single(Check(old), f => f.Kind == QualityFindingKind.Stale);
        Assert.DoesNotContain(Check(old, Service("s1", First, Today.AddMonths(-2))), f => f.Kind == QualityFindingKind.Stale);
        Assert.DoesNotContain(Check(Good(updatedAt: Now.AddMonths(-11))), f => f.Kind == QualityFindingKind.Stale);
    }

    [Fact]
    public void Stale_PeriodComesFromThePolicy()
    {
        // R-CN-4: the period is a policy setting, not a literal
        var old = Good(updatedAt: Now.AddMonths(-13));
        var patient = Chongqing with { StaleAfterMonths = 24 };

        Assert.Empty(RecordQualityChecks.Check(old, [], Today, patient));
        Assert.Equal(Today.AddMonths(-24), Staleness.Cutoff(patient, Today));
    }

    [Fact]
    public void Stale_ArchivedRecord_IsNeverStale()
    {
        // R-ST-1: archived records take no updates by design
        var lost = Good(updatedAt: Now.AddYears(-3)) with { Status = RecordStatus.LostToFollowUp };

        Assert.DoesNotContain(Check(lost), f => f.Kind == QualityFindingKind.Stale);
    }

    [Fact]
    public void LateUploads_ReuseTheUploadFlag_AndCountForTheServingClinic()
    {
        // R-RC-4, R-OS-5: the flag set at upload, reported against whoever served
        var findings = Check(Good(), Service("on-time", First, Today.AddDays(-20)), Service("late", First, Today.AddDays(-20), institution: OtherClinic, late: true));

        var late = Assert.Single(findings, f => f.Kind == QualityFindingKind.LateUpload);
        Assert.Equal("late", late.Field);
        Assert.Equal(OtherClinic, late.InstitutionCode);
    }

    [Fact]
    public void MergedAwayRecord_IsNotReported()
    {
        // R-MG-3: retired; its data lives on in the survivor
        var retired = Good(Profile(phone: "不详")) with { Status = RecordStatus.Merged };

        Assert.Empty(Check(retired, Service("s-early", First, Born.AddDays(-1))));
    }
}
