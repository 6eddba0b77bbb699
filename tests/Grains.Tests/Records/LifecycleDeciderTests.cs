using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Tests.Records;

public sealed class LifecycleDeciderTests
{
    private static readonly PolicyProfile Chongqing = PolicyProfiles.Chongqing;
    private static readonly DateTimeOffset Now = TestData.Now;

    private static MarkLostToFollowUp Lost(RecordState s, string by = "王主任") => new("l-1", s.Number, s.OwnerInstitution, by, "电话、住址均无法联系");

    [Fact]
    public void LostToFollowUp_WithinAYearOfTheLastService_IsRefused()
    {
        // R-ST-2 (chongqing: 1 year)
        var s = TestData.Enrolled();

        var e = Assert.Throws<DomainRuleViolation>(() =>
            LifecycleDecider.Decide(s, Lost(s), lastServiceDate: TestData.Today.AddYears(1).AddDays(-200), Chongqing, Now.AddYears(1)));

        Assert.Equal("R-ST-2", e.RuleId);
    }

    [Fact]
    public void LostToFollowUp_AfterTheGuangdongPeriod_OnlyAfterTwoYears()
    {
        // R-ST-2 (guangdong: 2 years); the cut-off proposes candidates, a person confirms.
        var s = TestData.Enrolled();
        var at = Now.AddYears(2).AddDays(-10);

        Assert.Throws<DomainRuleViolation>(() => LifecycleDecider.Decide(s, Lost(s), null, PolicyProfiles.Guangdong, at));
        var lost = s.ApplyAll(LifecycleDecider.Decide(s, Lost(s), null, Chongqing, at));

        Assert.Equal(RecordStatus.LostToFollowUp, lost.Status);
        Assert.Equal(TestData.Today.AddYears(-2), LifecycleDecider.LostToFollowUpCutoff(PolicyProfiles.Guangdong, TestData.Today));
    }

    [Fact]
    public void LostToFollowUp_WithoutAConfirmingPerson_IsRefused()
    {
        // R-ST-2: never terminated automatically.
        var s = TestData.Enrolled();

        var e = Assert.Throws<DomainValidationException>(() => LifecycleDecider.Decide(s, Lost(s, by: ""), null, Chongqing, Now.AddYears(2)));

        Assert.Equal("confirmed_by", Assert.Single(e.Violations).Field);
    }

    [Fact]
    public void StatusChange_RecordsItsDateAndReason_AndArchives()
    {
        // R-ST-1, R-ST-7
        var s = TestData.Enrolled();

        var lost = s.ApplyAll(LifecycleDecider.Decide(s, Lost(s), null, Chongqing, Now.AddYears(2)));

        Assert.True(lost.Status.IsArchived());
        Assert.Equal(Now.AddYears(2), lost.Lifecycle.StatusChangedAt);
        Assert.Equal("电话、住址均无法联系", lost.Lifecycle.StatusReason);
    }

    [Fact]
    public void Death_RecordsDateAndCause_AndFlagsALateEntry()
    {
        // R-ST-3: within 1 month of the notice; later is taken and flagged.
        var s = TestData.Enrolled();
        var command = new RecordDeath("d-1", s.Number, s.OwnerInstitution, "李医生", TestData.Today.AddDays(-40), "脑卒中", NoticeDate: TestData.Today.AddDays(-35));

        var e = (DeathRecorded)Assert.Single(LifecycleDecider.Decide(s, command, Chongqing, Now));
        var dead = s.Apply(e);

        Assert.True(e.EnteredLate);
        Assert.Equal(RecordStatus.Deceased, dead.Status);
        Assert.Equal((TestData.Today.AddDays(-40), "脑卒中"), (dead.Lifecycle.DateOfDeath!.Value, dead.Lifecycle.CauseOfDeath));
    }

    [Fact]
    public void Death_InTheFutureOrWithoutCause_IsRefusedNamingTheField()
    {
        var s = TestData.Enrolled();

        var future = Assert.Throws<DomainValidationException>(() => LifecycleDecider.Decide(s,
            new RecordDeath("d-1", s.Number, s.OwnerInstitution, "李医生", TestData.Today.AddDays(1), "x", TestData.Today), Chongqing, Now));
        var noCause = Assert.Throws<DomainValidationException>(() => LifecycleDecider.Decide(s,
            new RecordDeath("d-1", s.Number, s.OwnerInstitution, "李医生", TestData.Today, " ", TestData.Today), Chongqing, Now));

        Assert.Contains(future.Violations, v => v.Field == "date_of_death");
        Assert.Equal("cause", Assert.Single(noCause.Violations).Field);
    }

    [Fact]
    public void MoveOut_WithinAYearOfLeaving_IsRefused_AfterwardsArchivesWithDestination()
    {
        // R-ST-4, R-ST-7
        var s = TestData.Enrolled();
        RecordMoveOut Move(DateOnly left) => new("m-1", s.Number, s.OwnerInstitution, "李医生", left, "四川省成都市", "纸质档案交居民本人");

        var early = Assert.Throws<DomainRuleViolation>(() => LifecycleDecider.Decide(s, Move(TestData.Today.AddMonths(-11)), Chongqing, Now));
        var moved = s.ApplyAll(LifecycleDecider.Decide(s, Move(TestData.Today.AddYears(-1).AddDays(-1)), Chongqing, Now));

        Assert.Equal("R-ST-4", early.RuleId);
        Assert.Equal(RecordStatus.MovedOut, moved.Status);
        Assert.Equal("四川省成都市", moved.Lifecycle.Destination);
    }

    [Fact]
    public void Reactivation_OfALostRecord_ReturnsItToActive()
    {
        // R-ST-5
        var s = TestData.Enrolled();
        var lost = s.ApplyAll(LifecycleDecider.Decide(s, Lost(s), null, Chongqing, Now.AddYears(2)));

        var active = lost.ApplyAll(LifecycleDecider.Decide(lost, new Reactivate("r-1", s.Number, "500103C02", "service u-1"), Now.AddYears(2)));

        Assert.Equal(RecordStatus.Active, active.Status);
        Assert.Empty(LifecycleDecider.Decide(active, new Reactivate("r-2", s.Number, "500103C02", "service u-2"), Now.AddYears(2)));
    }

    [Fact]
    public void Reactivation_OfADeceasedRecord_IsRefused()
    {
        // R-ST-3: a deceased record never reactivates.
        var dead = Transfers.TransferDeciderTests.Dead(TestData.Enrolled());

        var e = Assert.Throws<DomainRuleViolation>(() => LifecycleDecider.Decide(dead, new Reactivate("r-1", dead.Number, "500103C01", "service"), Now));

        Assert.Equal("R-ST-3", e.RuleId);
    }

    [Fact]
    public void StatusChange_ByAnotherClinic_IsRefused()
    {
        // R-ST-6: the owning clinic files the change.
        var s = TestData.Enrolled();

        var e = Assert.Throws<DomainRuleViolation>(() => LifecycleDecider.Decide(s,
            new RecordDeath("d-1", s.Number, "500103C02", "李医生", TestData.Today, "x", TestData.Today), Chongqing, Now));

        Assert.Equal("R-ST-3", e.RuleId);
    }
}
