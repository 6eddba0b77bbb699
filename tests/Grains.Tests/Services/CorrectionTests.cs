using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Validation;
using static HealthRecords.Grains.Tests.Services.ServiceTestData;

namespace HealthRecords.Grains.Tests.Services;

public sealed class CorrectionTests
{
    private static readonly DateTimeOffset RequestedAt = new(2026, 3, 22, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset ApprovedAt = new(2026, 3, 23, 15, 0, 0, TimeSpan.FromHours(8));

    private static readonly ServiceRecord Saved =
        Record(measurements: Measure(("weight_kg", "65"), ("note", "x")));

    private static CorrectionRequest Request(
        string reason = "体重录入错误",
        string evidence = "纸质随访表照片",
        string institution = Clinic,
        IReadOnlyDictionary<string, string>? changes = null,
        IReadOnlyList<string>? problems = null) =>
        CorrectionRules.Request(Saved, "corr-1", "王医生", institution, reason, evidence,
            changes ?? Measure(("weight_kg", "56")), problems, RequestedAt);

    [Fact]
    public void Correction_ValidRequest_IsForTheService()
    {
        // R-RC-3: a request with reason and evidence
        var request = Request();

        Assert.Equal("up-1", request.UploadId);
        Assert.Equal("corr-1", request.CorrectionId);
        Assert.Equal("56", request.ChangedMeasurements["weight_kg"]);
        Assert.Equal(RequestedAt, request.RequestedAt);
    }

    [Theory]
    [InlineData("", "照片", "reason")]
    [InlineData("错误", " ", "evidence")]
    public void Correction_WithoutReasonOrEvidence_IsRejected(string reason, string evidence, string field)
    {
        // R-RC-3: GD art. 21 — reason and evidence are required
        var error = Assert.Throws<DomainValidationException>(() => Request(reason, evidence));

        Assert.Equal(field, Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Correction_WithoutReasonAndEvidence_ReportsBoth()
    {
        // R-RC-3
        var error = Assert.Throws<DomainValidationException>(() => Request("", ""));

        Assert.Equal(["reason", "evidence"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Correction_ChangingNothing_IsRejected()
    {
        // R-RC-3: a correction corrects something
        var error = Assert.Throws<DomainValidationException>(() => Request(changes: Measure()));

        Assert.Equal("changed_measurements", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Correction_ToAnImplausibleValue_IsRejected()
    {
        // R-RC-3, R-RC-1: a correction lets in nothing an upload could not
        var error = Assert.Throws<DomainValidationException>(() => Request(changes: Measure(("weight_kg", "4000"))));

        Assert.Equal("changed_measurements.weight_kg", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Correction_FromAnotherInstitution_IsRefused()
    {
        // R-RC-3: only the institution that made the service corrects it
        var error = Assert.Throws<DomainRuleViolation>(() => Request(institution: "500103C02"));

        Assert.Equal("R-RC-3", error.RuleId);
    }

    [Fact]
    public void Correction_ApprovedByDesignatedAdministrator_MakesNextVersion()
    {
        // R-RC-3: GD Annex 1 — approval makes a new version, valid from the approval
        var request = Request(changes: Measure(("weight_kg", "56"), ("note", "")), problems: ["糖尿病"]);

        var version = CorrectionRules.Approve(Saved, 1, request, "李主任", approverIsDesignatedAdministrator: true, ApprovedAt);

        Assert.Equal(2, version.Version);
        Assert.Equal(ApprovedAt, version.ValidFrom);
        Assert.Equal("corr-1", version.CorrectionId);
        Assert.Equal("李主任", version.ApprovedBy);
        Assert.Equal(Measure(("weight_kg", "56")), version.Record.Measurements);
        Assert.Equal(["糖尿病"], version.Record.MainProblems);
        Assert.Equal(Saved.ReceivedAt, version.Record.ReceivedAt);
    }

    [Fact]
    public void Correction_Approved_KeepsTheOldVersionUnchanged()
    {
        // R-RC-3: the old version stays readable with its time of change
        var first = ServiceRecordVersion.First(Saved);

        var second = CorrectionRules.Approve(first.Record, first.Version, Request(), "李主任", approverIsDesignatedAdministrator: true, ApprovedAt);

        Assert.Equal(1, first.Version);
        Assert.Equal("65", first.Record.Measurements["weight_kg"]);
        Assert.Equal(Saved.ReceivedAt, first.ValidFrom);
        Assert.Null(first.CorrectionId);
        Assert.Equal("56", second.Record.Measurements["weight_kg"]);
        Assert.NotEqual(first.Record, second.Record);
    }

    [Fact]
    public void Correction_ApprovedByNonAdministrator_IsRefused()
    {
        // R-RC-3: approval by the institution's designated administrator only
        var error = Assert.Throws<DomainRuleViolation>(() =>
            CorrectionRules.Approve(Saved, 1, Request(), "赵护士", approverIsDesignatedAdministrator: false, ApprovedAt));

        Assert.Equal("R-RC-3", error.RuleId);
    }

    [Fact]
    public void Correction_ApprovedByItsRequester_IsRefused()
    {
        // R-RC-3: no self-approval, even by the designated administrator
        var error = Assert.Throws<DomainRuleViolation>(() =>
            CorrectionRules.Approve(Saved, 1, Request(), "王医生", approverIsDesignatedAdministrator: true, ApprovedAt));

        Assert.Equal("R-RC-3", error.RuleId);
    }

    [Fact]
    public void Correction_ForAnotherUpload_IsAnArgumentError()
    {
        // R-RC-3: a request applies only to its own service
        var other = Saved with { UploadId = "up-9" };

        Assert.Throws<ArgumentException>(() =>
            CorrectionRules.Approve(other, 1, Request(), "李主任", approverIsDesignatedAdministrator: true, ApprovedAt));
    }

    [Fact]
    public void Correction_RejectedByDesignatedAdministrator_KeepsTheReason()
    {
        // R-RC-3: the administrator decides; a rejection changes nothing and says why
        var rejection = CorrectionRules.Reject(Saved, Request(), " 李主任 ", approverIsDesignatedAdministrator: true, " 证据不足 ", ApprovedAt);

        Assert.Equal(new CorrectionRejection("corr-1", "李主任", "证据不足", ApprovedAt), rejection);
    }

    [Fact]
    public void Correction_RejectedByNonAdministrator_IsRefused()
    {
        // R-RC-3: deciding on a correction is the designated administrator's
        var error = Assert.Throws<DomainRuleViolation>(() =>
            CorrectionRules.Reject(Saved, Request(), "赵护士", approverIsDesignatedAdministrator: false, "证据不足", ApprovedAt));

        Assert.Equal("R-RC-3", error.RuleId);
    }

    [Fact]
    public void Correction_RejectedWithoutReasonOrApprover_NamesBothFields()
    {
        // R-RC-3
        var error = Assert.Throws<DomainValidationException>(() =>
            CorrectionRules.Reject(Saved, Request(), " ", approverIsDesignatedAdministrator: true, "", ApprovedAt));

        Assert.Equal(["approver", "reason"], error.Violations.Select(v => v.Field));
    }

    [Theory]
    [InlineData(CorrectionState.Approved)]
    [InlineData(CorrectionState.Rejected)]
    public void Correction_AlreadyDecided_IsNotDecidedAgain(CorrectionState state)
    {
        // R-RC-3: a correction is decided once
        var error = Assert.Throws<DomainRuleViolation>(() => CorrectionRules.RequirePending(state, "corr-1", TestRecordNumber));

        Assert.Equal("R-RC-3", error.RuleId);
        Assert.Contains(state.ToString().ToLowerInvariant(), error.Message);
    }

    [Fact]
    public void Correction_Pending_MayBeDecided()
    {
        // R-RC-3
        var error = Xunit.Record.Exception(() => CorrectionRules.RequirePending(CorrectionState.Pending, "corr-1", TestRecordNumber));

        Assert.Null(error);
    }

    [Fact]
    public void Correction_SameRequestSentTwice_IsEqual()
    {
        // R-RC-3: a re-sent request is recognised
        Assert.Equal(Request(), Request());
    }
}
