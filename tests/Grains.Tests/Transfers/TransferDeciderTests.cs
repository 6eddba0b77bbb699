using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Tests.Records;
using HealthRecords.Grains.Transfers;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Tests.Transfers;

public sealed class TransferDeciderTests
{
    private static readonly PolicyProfile Chongqing = PolicyProfiles.Chongqing;
    private static readonly DateTimeOffset Now = TestData.Now;

    private static RequestTransfer Request(string id = "t-1", string to = "500105C01", string toDistrict = "500105", string by = "500105C01",
        ConsentMethod? consent = ConsentMethod.SignedOnSite, TransferReason? reason = TransferReason.ChangeOfResidence, bool city = false) =>
        new(id, RecordNumber.Parse("50010300100100001"), to, toDistrict, by, consent, reason, city);

    private static (RecordState State, Transfer Transfer) Requested(RecordState s, RequestTransfer c, DateTimeOffset at)
    {
        var e = (TransferRequested)Assert.Single(TransferDecider.Decide(s, c, Chongqing, HolidayCalendar.None, at));
        return (s.Apply(e), e.Transfer);
    }

    private static RecordState Completed(RecordState s, RequestTransfer c, DateTimeOffset at)
    {
        var (pending, t) = Requested(s, c, at);
        return pending.ApplyAll(TransferDecider.Decide(pending, t, new AnswerTransfer(t.TransferId, pending.Number, t.AnsweringInstitution, true, null), at));
    }

    [Fact]
    public void Transfer_WithoutConsentOrReason_IsRefusedNamingTheFields()
    {
        // R-TR-1
        var e = Assert.Throws<DomainValidationException>(() =>
            TransferDecider.Decide(TestData.Enrolled(), Request(consent: null, reason: (TransferReason)99), Chongqing, HolidayCalendar.None, Now));

        Assert.Equal(["consent_method", "reason"], e.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Transfer_RequestedByAThirdClinic_IsRefused()
    {
        // R-TR-2: only the owner or the prospective clinic starts it.
        var e = Assert.Throws<DomainRuleViolation>(() =>
            TransferDecider.Decide(TestData.Enrolled(), Request(by: "500103C02"), Chongqing, HolidayCalendar.None, Now));

        Assert.Equal("R-TR-2", e.RuleId);
    }

    [Fact]
    public void Transfer_Requested_LeavesTheOwnerUntilConfirmed_AndIsDueInSevenCalendarDays()
    {
        // R-TR-2 (chongqing: 7 calendar days), R-TR-3 (the city changes the owner on confirmation)
        var (pending, transfer) = Requested(TestData.Enrolled(), Request(), Now);

        Assert.Equal("500103C01", pending.OwnerInstitution);
        Assert.Equal("t-1", pending.Lifecycle.PendingTransferId);
        Assert.Equal(new DateOnly(2026, 11, 28), DateOnly.FromDateTime(transfer.DueAt.DateTime));
        Assert.Equal("500103C01", transfer.AnsweringInstitution);
    }

    [Fact]
    public void Transfer_ConfirmedByTheOwner_ChangesTheOwnerAcrossDistricts()
    {
        // R-TR-3
        var moved = Completed(TestData.Enrolled(), Request(), Now);

        Assert.Equal(("500105C01", "500105"), (moved.OwnerInstitution, moved.OwnerDistrict));
        Assert.Null(moved.Lifecycle.PendingTransferId);
        Assert.Equal(Now, moved.Lifecycle.LastCrossDistrictTransferAt);
    }

    [Fact]
    public void Transfer_AnsweredByTheRequester_IsRefused()
    {
        // R-TR-3: the owner confirms a cross-district request, not the clinic that asked.
        var (pending, t) = Requested(TestData.Enrolled(), Request(), Now);

        var e = Assert.Throws<DomainRuleViolation>(() =>
            TransferDecider.Decide(pending, t, new AnswerTransfer(t.TransferId, pending.Number, "500105C01", true, null), Now));

        Assert.Equal("R-TR-3", e.RuleId);
    }

    [Fact]
    public void Transfer_RejectedWithoutCause_IsRefused_AndWithCauseLeavesTheOwner()
    {
        // R-TR-2: clinics may not refuse without cause; a rejection leaves the owner unchanged.
        var (pending, t) = Requested(TestData.Enrolled(), Request(), Now);

        var noCause = Assert.Throws<DomainValidationException>(() =>
            TransferDecider.Decide(pending, t, new AnswerTransfer(t.TransferId, pending.Number, "500103C01", false, " "), Now));
        var rejected = pending.ApplyAll(TransferDecider.Decide(pending, t, new AnswerTransfer(t.TransferId, pending.Number, "500103C01", false, "居民仍在本辖区居住"), Now));

        Assert.Equal("rejection_reason", Assert.Single(noCause.Violations).Field);
        Assert.Equal("500103C01", rejected.OwnerInstitution);
        Assert.Null(rejected.Lifecycle.PendingTransferId);
    }

    [Fact]
    public void Transfer_UnansweredPastTheDeadline_ExpiresAndCannotBeConfirmed()
    {
        // R-TR-2: overdue → expired, owner unchanged.
        var (pending, t) = Requested(TestData.Enrolled(), Request(), Now);
        var late = Now.AddDays(7).AddMinutes(1);

        var answer = Assert.Throws<DomainRuleViolation>(() =>
            TransferDecider.Decide(pending, t, new AnswerTransfer(t.TransferId, pending.Number, "500103C01", true, null), late));
        var notYet = TransferDecider.Expire(pending, t, Now.AddDays(6));
        var expired = pending.ApplyAll(TransferDecider.Expire(pending, t, late));

        Assert.Equal("R-TR-2", answer.RuleId);
        Assert.Empty(notYet);
        Assert.Equal("500103C01", expired.OwnerInstitution);
        Assert.Null(expired.Lifecycle.PendingTransferId);
    }

    [Fact]
    public void Transfer_GuangdongDeadline_CountsTenWorkingDays()
    {
        // R-TR-2 (guangdong: 10 working days). Saturday 2026-11-21 → the 10th working day is Friday 2026-12-04.
        var e = (TransferRequested)Assert.Single(TransferDecider.Decide(TestData.Enrolled(), Request(), PolicyProfiles.Guangdong, HolidayCalendar.None, Now));

        Assert.Equal(new DateOnly(2026, 12, 4), DateOnly.FromDateTime(e.Transfer.DueAt.DateTime));
    }

    [Fact]
    public void Transfer_WithinProtectionPeriod_IsRefused()
    {
        // R-TR-5: 180 days after a cross-district transfer.
        var moved = Completed(TestData.Enrolled(), Request(), Now);
        var back = Request(id: "t-2", to: "500103C01", toDistrict: "500103", by: "500103C01");

        var e = Assert.Throws<DomainRuleViolation>(() => TransferDecider.Decide(moved, back, Chongqing, HolidayCalendar.None, Now.AddDays(179)));
        var allowed = TransferDecider.Decide(moved, back, Chongqing, HolidayCalendar.None, Now.AddDays(180));

        Assert.Equal("R-TR-5", e.RuleId);
        Assert.IsType<TransferRequested>(Assert.Single(allowed));
    }

    [Fact]
    public void Transfer_WithinADistrict_DoesNotStartTheProtectionPeriod()
    {
        // R-TR-5 applies after cross-district moves only.
        var moved = Completed(TestData.Enrolled(), Request(to: "500103C02", toDistrict: "500103", by: "500103C02"), Now);

        Assert.Equal("500103C02", moved.OwnerInstitution);
        Assert.Null(moved.Lifecycle.LastCrossDistrictTransferAt);
    }

    [Fact]
    public void Transfer_OfADeceasedRecord_IsRefused_EvenOnTheCitysAuthority()
    {
        // R-TR-4
        var dead = Dead(TestData.Enrolled());

        var e = Assert.Throws<DomainRuleViolation>(() => TransferDecider.Decide(dead, Request(city: true), Chongqing, HolidayCalendar.None, Now));

        Assert.Equal("R-TR-4", e.RuleId);
    }

    [Fact]
    public void Transfer_OfALostRecord_CompletesOnTheCitysAuthorityAlone_AndNeedsIt()
    {
        // R-TR-4: no confirmation from the old owner; without the city's authority it is refused.
        var lost = Lost(TestData.Enrolled());

        var withoutCity = Assert.Throws<DomainRuleViolation>(() => TransferDecider.Decide(lost, Request(), Chongqing, HolidayCalendar.None, Now.AddYears(2)));
        var events = TransferDecider.Decide(lost, Request(city: true), Chongqing, HolidayCalendar.None, Now.AddYears(2));
        var moved = lost.ApplyAll(events);

        Assert.Equal("R-TR-4", withoutCity.RuleId);
        Assert.Equal([typeof(TransferRequested), typeof(TransferCompleted)], events.Select(e => e.GetType()));
        Assert.Equal("500105C01", moved.OwnerInstitution);
        Assert.Equal(RecordStatus.LostToFollowUp, moved.Status); // served again, it reactivates (R-ST-5)
    }

    [Fact]
    public void Transfer_Retried_DecidesNothingNew()
    {
        var (pending, _) = Requested(TestData.Enrolled(), Request(), Now);

        Assert.Empty(TransferDecider.Decide(pending, Request(), Chongqing, HolidayCalendar.None, Now));
    }

    [Fact]
    public void Transfer_WhileAnotherIsPending_IsRefused()
    {
        // R-TR-2: one pending request per record.
        var (pending, _) = Requested(TestData.Enrolled(), Request(), Now);

        var e = Assert.Throws<DomainRuleViolation>(() =>
            TransferDecider.Decide(pending, Request(id: "t-9", to: "500103C02", toDistrict: "500103", by: "500103C02"), Chongqing, HolidayCalendar.None, Now));

        Assert.Equal("R-TR-2", e.RuleId);
    }

    internal static RecordState Dead(RecordState s) => s.ApplyAll(LifecycleDecider.Decide(s,
        new RecordDeath("d-1", s.Number, s.OwnerInstitution, "李医生", TestData.Today, "心肌梗死", TestData.Today), Chongqing, Now));

    internal static RecordState Lost(RecordState s) => s.ApplyAll(LifecycleDecider.Decide(s,
        new MarkLostToFollowUp("l-1", s.Number, s.OwnerInstitution, "王主任", "电话、住址均无法联系"), lastServiceDate: null, Chongqing, Now.AddYears(2)));
}
