using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using static HealthRecords.Grains.Tests.Merging.MergeTestData;

namespace HealthRecords.Grains.Tests.Merging;

public sealed class MergeDeciderTests
{
    private static readonly DateTimeOffset Early = new(2018, 4, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Later = new(2022, 9, 9, 15, 0, 0, TimeSpan.FromHours(8));

    // The older record (enrolled 2018 at 七星岗 by 王护士) and a newer one (2022 at 观音桥 by 赵医生), same person, other keys.
    private static RecordState Older(ResidentProfile? profile = null, DateTimeOffset? updatedAt = null, RecordStatus status = RecordStatus.Active) =>
        Record(First, IdKey(Born, Sex.Male), profile ?? Profile(), Early, updatedAt ?? Early, Clinic, status, enrolledBy: "王护士");

    private static RecordState Newer(ResidentProfile? profile = null, DateTimeOffset? updatedAt = null, IdentityKey? identity = null) =>
        Record(Second, identity ?? CertificateKey(), profile ?? Profile(), Later, updatedAt ?? Later, OtherClinic, enrolledBy: "赵医生");

    private static MergeDecision Decide(RecordState a, RecordState b, IReadOnlyList<ServiceRecord>? aServices = null, IReadOnlyList<ServiceRecord>? bServices = null) =>
        MergeDecider.Decide(new MergeSide(a, aServices ?? []), new MergeSide(b, bServices ?? []), new MergeRecords("m-1", "市管理员"), Now);

    private static MergePlan Plan(RecordState a, RecordState b) => Assert.IsType<MergeDecision.Merge>(Decide(a, b)).Plan;

    [Fact]
    public void Merge_CoverFields_KeepEarliestRecordNumberInstitutionEnrolledByAndDate()
    {
        // R-MG-1: whichever way round the pair is given
        var plan = Plan(Newer(), Older());

        Assert.Equal(First, plan.SurvivorNumber);
        Assert.Equal(Second, plan.MergedAwayNumber);
        Assert.Equal(Clinic, plan.EnrollingInstitution);
        Assert.Equal("王护士", plan.EnrolledBy);
        Assert.Equal(Early, plan.EnrolledAt);
    }

    [Fact]
    public void Merge_OtherCoverFields_TakeTheLatestRecord()
    {
        // R-MG-1: addresses, phone, responsible doctor from the record updated last
        var older = Older(Profile(address: "旧址1号", registered: "旧户籍", phone: "13800001111", doctor: "李医生"), updatedAt: Later.AddYears(1));
        var newer = Newer(Profile(address: "新址9号", registered: "新户籍", phone: "13900009999", doctor: "周医生"));

        var plan = Plan(older, newer);

        Assert.Equal("旧址1号", plan.Profile.CurrentAddress);
        Assert.Equal("旧户籍", plan.Profile.RegisteredAddress);
        Assert.Equal("13800001111", plan.Profile.Phone);
        Assert.Equal("李医生", plan.Profile.ResponsibleDoctor);
        Assert.Contains(new MergedField("current_address", First), plan.Sources);
    }

    [Fact]
    public void Merge_CoverFields_LatestWhenTheNewerRecordWasUpdatedLast()
    {
        // R-MG-1
        var plan = Plan(Older(Profile(address: "旧址1号", doctor: "李医生")), Newer(Profile(address: "新址9号", doctor: "周医生")));

        Assert.Equal("新址9号", plan.Profile.CurrentAddress);
        Assert.Equal("周医生", plan.Profile.ResponsibleDoctor);
        Assert.Contains(new MergedField("responsible_doctor", Second), plan.Sources);
    }

    [Theory]
    [InlineData("不详")]
    [InlineData("unknown")]
    [InlineData("未知")]
    [InlineData("")]
    [InlineData("138000")] // malformed
    public void Merge_ValidPhone_BeatsAnInvalidLatestOne(string invalid)
    {
        // R-MG-2 (GD art. 22: a phone number over "不详")
        var plan = Plan(Older(Profile(phone: "13800001111")), Newer(Profile(phone: invalid)));

        Assert.Equal("13800001111", plan.Profile.Phone);
        Assert.Contains(new MergedField("phone", First), plan.Sources);
    }

    [Fact]
    public void Merge_BasicInformation_ValidBeatsInvalidFieldByField()
    {
        // R-MG-2: name, sex, birth date, employer each from whichever record holds the valid value
        var older = Older(Profile(name: "张三", sex: Sex.Male, born: Born, employer: "不详", registered: "重庆市渝中区七星岗街道2号"));
        var newer = Newer(Profile(name: "不详", sex: Sex.Unspecified, born: Today.AddYears(1),
            employer: "重庆钢铁厂", registered: "  "));

        var plan = Plan(older, newer);

        Assert.Equal("张三", plan.Profile.Name);
        Assert.Equal(Sex.Male, plan.Profile.Sex);
        Assert.Equal(Born, plan.Profile.DateOfBirth); // the future date is invalid, so no contradiction
        Assert.Equal("重庆钢铁厂", plan.Profile.Employer);
        Assert.Equal("重庆市渝中区七星岗街道2号", plan.Profile.RegisteredAddress);
    }

    [Fact]
    public void Merge_EquallyValid_KeepsTheLatest()
    {
        // R-MG-2: two real phone numbers → the latest record's
        var plan = Plan(Older(Profile(phone: "13800001111", employer: "旧单位")), Newer(Profile(phone: "023-63851234", employer: "新单位")));

        Assert.Equal("023-63851234", plan.Profile.Phone);
        Assert.Equal("新单位", plan.Profile.Employer);
    }

    [Fact]
    public void Merge_DifferentValidDatesOfBirth_BlocksWithTheConflictListed()
    {
        // R-MG-2: a contradiction waits for the owning clinic; a result, not an exception
        var decision = Decide(Older(Profile(born: Born)), Newer(Profile(born: Born.AddYears(1))));

        var blocked = Assert.IsType<MergeDecision.Blocked>(decision);
        var conflict = Assert.Single(blocked.Conflicts);
        Assert.Equal(new MergeConflict(MergeConflict.DateOfBirth, "1960-03-15", "1961-03-15"), conflict);
    }

    [Fact]
    public void Merge_DifferentValidSexAndIdNumbers_AreAllListed()
    {
        // R-MG-2: every contradiction at once, so the clinic verifies them in one contact; ID numbers masked
        var older = Older(Profile(sex: Sex.Male));
        var newer = Newer(Profile(sex: Sex.Female), identity: IdKey(Born, Sex.Male, serial: 9));

        var blocked = Assert.IsType<MergeDecision.Blocked>(Decide(older, newer));

        Assert.Equal([MergeConflict.Sex, MergeConflict.IdNumber], blocked.Conflicts.Select(c => c.Field));
        Assert.DoesNotContain(IdNumber(Born, Sex.Male), blocked.Conflicts[1].SurvivorValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_DeathOnOneRecordOnly_Blocks()
    {
        // R-MG-2: a live and a dead record of "one person" contradict each other
        var blocked = Assert.IsType<MergeDecision.Blocked>(Decide(Older(status: RecordStatus.Deceased), Newer()));

        Assert.Equal(MergeConflict.Deceased, Assert.Single(blocked.Conflicts).Field);
    }

    [Fact]
    public void Merge_ServiceRecords_CombinedByDateThenReceiptStable()
    {
        // R-MG-3
        var day = new DateOnly(2023, 5, 10);
        var a1 = Service("a1", First, day.AddDays(-30));
        var a2 = Service("a2", First, day, receivedAt: Now.AddYears(-3));
        var a3 = Service("a3", First, day.AddDays(5), receivedAt: Now.AddYears(-2));
        var b1 = Service("b1", Second, day, receivedAt: Now.AddYears(-3).AddHours(-1)); // same day, received earlier than a2
        var b2 = Service("b2", Second, day.AddDays(5), receivedAt: Now.AddYears(-2)); // same day and receipt as a3: survivor's first

        var plan = Assert.IsType<MergeDecision.Merge>(Decide(Newer(), Older(), [b1, b2], [a1, a2, a3])).Plan;

        Assert.Equal(["a1", "b1", "a2", "a3", "b2"], plan.Services.Select(s => s.UploadId));
    }

    [Fact]
    public void Merge_NewbornKeyedSurvivor_TakesTheIdNumberKey()
    {
        // R-ID-3, R-MG-1: the survivor keeps its number but carries the ID number
        var newborn = Record(First, NewbornKey(), Profile(name: "李小宝", sex: Sex.Female, born: new DateOnly(2025, 2, 1)), Early, Early);
        var idRecord = Record(Second, IdKey(new DateOnly(2025, 2, 1), Sex.Female), Profile(name: "李小宝", sex: Sex.Female, born: new DateOnly(2025, 2, 1)), Later, Later);

        var plan = Plan(newborn, idRecord);

        Assert.Equal(First, plan.SurvivorNumber);
        Assert.Equal(IdentityKind.CitizenId, plan.Identity.Kind);
    }

    [Fact]
    public void Merge_Events_RetireTheMergedAwayRecordPointingAtTheSurvivor()
    {
        // R-MG-3: retired, not deleted; out of the counts; the survivor takes the merged profile
        var older = Older(Profile(phone: "不详"));
        var newer = Newer(Profile(phone: "13900009999"));
        var merge = Assert.IsType<MergeDecision.Merge>(Decide(older, newer));

        var survivor = older.ApplyAll(merge.SurvivorEvents);
        var retired = newer.ApplyAll(merge.MergedAwayEvents);

        Assert.Equal(RecordStatus.Merged, retired.Status);
        Assert.Equal(First, retired.Lifecycle.MergedInto);
        Assert.Equal("13900009999", survivor.Profile.Phone);
        Assert.Equal(RecordStatus.Active, survivor.Status);
        Assert.Equal(older.Version + 1, survivor.Version);
        Assert.True(retired.Status.IsArchived());
    }

    [Fact]
    public void Merge_AlreadyMergedRecord_IsRefused()
    {
        // R-MG-3: a retired record merges no more
        var retired = Newer() with { Status = RecordStatus.Merged, Lifecycle = RecordLifecycle.Initial with { MergedInto = "50010300100100099" } };

        var e = Assert.Throws<DomainRuleViolation>(() => Decide(Older(), retired));

        Assert.Equal("R-MG-3", e.RuleId);
    }
}
